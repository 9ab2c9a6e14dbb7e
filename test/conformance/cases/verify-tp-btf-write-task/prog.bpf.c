// A tp_btf program reads the kernel's own task_struct through its typed argument, and may not
// write it: the store is refused with "only read is supported".
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	if (next->pid == 1)
		next->prio = 120;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
