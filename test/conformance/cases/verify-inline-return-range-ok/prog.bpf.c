// The most common shape of a real program: the entry returns what a helper function decides.
// clang inlines it, so the kernel sees only the constants it returns.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

static __always_inline int handle(struct __sk_buff *skb)
{
	if (skb->len > 100)
		return 1;
	return 0;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	return handle(skb);
}
