// The index comes from the packet's length: the kernel cannot bound the write.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	char buf[16] = {};
	buf[skb->len] = 1;
	return buf[0] & 1;
}
