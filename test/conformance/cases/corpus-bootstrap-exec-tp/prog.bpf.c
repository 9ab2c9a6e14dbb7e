// Process exec and exit tracking in the shape of libbpf-bootstrap's bootstrap example: the
// sched tracepoints, the current task's parent through BPF_CORE_READ, the exec time kept in a
// hash map until the exit. (The original sends events through a ring buffer; here they are
// printed.) Checked, not run.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, pid_t);
	__type(value, u64);
} exec_start SEC(".maps");

const volatile unsigned long long min_duration_ns = 0;

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task;
	unsigned fname_off;
	char comm[16];
	char filename[64];
	pid_t pid, ppid;
	u64 ts;

	pid = bpf_get_current_pid_tgid() >> 32;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&exec_start, &pid, &ts, BPF_ANY);

	if (min_duration_ns)
		return 0;

	task = (struct task_struct *)bpf_get_current_task();
	ppid = BPF_CORE_READ(task, real_parent, tgid);
	bpf_get_current_comm(&comm, sizeof(comm));

	fname_off = ctx->__data_loc_filename & 0xFFFF;
	bpf_probe_read_str(&filename, sizeof(filename), (void *)ctx + fname_off);
	bpf_printk("exec %s pid %d ppid %d", filename, pid, ppid);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int handle_exit(struct trace_event_raw_sched_process_template *ctx)
{
	struct task_struct *task;
	u64 id, ts, *start_ts, duration_ns = 0;
	pid_t pid, tid;
	int exit_code;

	id = bpf_get_current_pid_tgid();
	pid = id >> 32;
	tid = (u32)id;
	if (pid != tid)
		return 0;

	start_ts = bpf_map_lookup_elem(&exec_start, &pid);
	if (start_ts)
		duration_ns = bpf_ktime_get_ns() - *start_ts;
	else if (min_duration_ns)
		return 0;
	bpf_map_delete_elem(&exec_start, &pid);

	if (min_duration_ns && duration_ns < min_duration_ns)
		return 0;

	task = (struct task_struct *)bpf_get_current_task();
	exit_code = (BPF_CORE_READ(task, exit_code) >> 8) & 0xff;
	bpf_printk("exit pid %d after %llu ns, code %d", pid, duration_ns, exit_code);
	return 0;
}
