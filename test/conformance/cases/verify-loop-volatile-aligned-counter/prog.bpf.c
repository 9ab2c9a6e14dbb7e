// Two volatile ints: a at fp-4, b at fp-8. The loop counts b, in an aligned slot the
// kernel tracks, so it ends; a's zero reads back as zero.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile int a = 0, b = 0;
	while (b < 10)
		b++;
	return a;
}
