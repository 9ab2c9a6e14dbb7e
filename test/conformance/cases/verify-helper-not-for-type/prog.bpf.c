// bpf_skb_change_head belongs to tc programs; cgroup_skb programs may not call it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	bpf_skb_change_head(skb, 14, 0);
	return 1;
}
