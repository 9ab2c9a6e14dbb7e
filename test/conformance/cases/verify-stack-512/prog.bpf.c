#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile char buf[600];
	buf[skb->len & 511] = 1;
	return buf[3] & 1;
}
