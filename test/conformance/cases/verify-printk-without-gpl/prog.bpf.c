// bpf_trace_printk is gpl_only: a program under another license may not call it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Proprietary";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	bpf_printk("len %u", skb->len);
	return 1;
}
