// A loop bounded only by the packet's length: the kernel walks it to the length's upper bound.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 sum = 0;
	for (__u32 i = 0; i < skb->len; i++)
		sum += i;
	return sum & 1;
}
