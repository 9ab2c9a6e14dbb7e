// A counter that wraps round every eight turns: on the ninth the state at the head is one
// the kernel has seen, and nothing else can end the loop.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 i = 0;
	while (skb->len > 10) {
		i = (i + 1) & 7;
		bpf_printk("%d", i);
	}
	return 1;
}
