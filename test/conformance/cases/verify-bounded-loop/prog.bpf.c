#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 sum = 0;
	for (int i = 0; i < 64; i++)
		sum += skb->len >> (i & 7);
	return sum & 1;
}
