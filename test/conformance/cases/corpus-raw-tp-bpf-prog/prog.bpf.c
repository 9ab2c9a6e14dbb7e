// A raw tracepoint with typed arguments through BPF_PROG, as runqslower-style tools write the
// sched_switch handler (there as tp_btf): the arguments are the context's u64 slots. Counts
// switches per CPU and reads the next task's pid with a CO-RE read. Checked, not run.
#define __TARGET_ARCH_x86
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} switches SEC(".maps");

SEC("raw_tp/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	u32 zero = 0;
	u64 *count = bpf_map_lookup_elem(&switches, &zero);
	pid_t next_pid = BPF_CORE_READ(next, pid);

	if (count)
		*count += 1;
	if (preempt)
		bpf_printk("preempted for %d", next_pid);
	return 0;
}
