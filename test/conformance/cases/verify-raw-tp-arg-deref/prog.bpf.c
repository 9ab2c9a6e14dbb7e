// A raw tracepoint's arguments are plain numbers to the verifier (only tp_btf and fentry type
// them from BTF): reading the task through the pointer directly is refused, where a CO-RE read
// (bpf_probe_read_kernel) is the way.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("raw_tp/sched_switch")
int on_switch(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *next = (struct task_struct *)ctx->args[2];

	bpf_printk("next pid %d", next->pid);
	return 0;
}
