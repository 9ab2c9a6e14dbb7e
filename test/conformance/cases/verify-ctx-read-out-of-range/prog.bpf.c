#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	/* __sk_buff is 192 bytes: offset 200 is past its end. */
	__u32 beyond = ((__u32 *)skb)[50];
	return beyond & 1;
}
