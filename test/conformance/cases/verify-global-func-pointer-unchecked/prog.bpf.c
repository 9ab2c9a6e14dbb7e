// A global (not static) function is verified on its own: its pointer argument may be NULL.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int first_bit(int *p)
{
	return *p & 1;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int len = skb->len;
	return first_bit(&len) ? 1 : 0;
}
