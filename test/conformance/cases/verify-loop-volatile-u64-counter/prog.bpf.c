// A volatile 8-byte counter is spilled to an aligned slot, which the kernel tracks: the
// loop ends after ten turns.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile __u64 i = 0;
	while (i < 10)
		i++;
	return 1;
}
