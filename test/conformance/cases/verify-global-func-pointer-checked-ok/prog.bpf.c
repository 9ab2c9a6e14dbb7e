// With the NULL check the kernel verifies the global function and loads the program.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int first_bit(int *p)
{
	if (!p)
		return 0;
	return *p & 1;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int len = skb->len;
	return first_bit(&len) ? 1 : 0;
}
