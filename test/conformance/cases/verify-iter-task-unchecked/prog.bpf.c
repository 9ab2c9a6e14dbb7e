// An iterator's object is NULL on the last call: reading task->pid without checking is refused
// (trusted_ptr_or_null_).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	bpf_printk("task %d", task->pid);
	return 0;
}
