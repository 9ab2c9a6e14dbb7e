// A volatile char at fp-1: stored values are not tracked, the loop's head repeats.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile char c = 0;
	while (c < 10)
		c++;
	return 1;
}
