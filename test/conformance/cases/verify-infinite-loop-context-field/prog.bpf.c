// A loop on a context field re-read each turn: the kernel does not know the field's value
// changes, so the loop's head repeats.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	while (skb->len > 10)
		bpf_printk("x");
	return 1;
}
