// A loop left only when a random number comes up: the state at its head never changes,
// so the kernel refuses it though it would end in practice.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	for (;;)
		if (bpf_get_prandom_u32() == 5)
			break;
	return 1;
}
