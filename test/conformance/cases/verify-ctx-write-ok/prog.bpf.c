#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	skb->mark = 42;
	skb->priority = 7;
	skb->cb[1] = 3;
	return 1;
}
