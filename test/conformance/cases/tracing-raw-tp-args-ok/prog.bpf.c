// A raw tracepoint reads the event's arguments, 8 bytes each.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("raw_tp/sched_switch")
int on_switch(struct bpf_raw_tracepoint_args *ctx)
{
	unsigned long long preempt = ctx->args[0];
	unsigned long long prev = ctx->args[1];

	bpf_printk("switch %llx %llx", preempt, prev);
	return 0;
}
