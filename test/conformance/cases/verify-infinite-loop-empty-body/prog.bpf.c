// An empty loop on a context field: clang keeps it, and the kernel finds it never
// changes.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	while (skb->len > 10)
		;
	return 1;
}
