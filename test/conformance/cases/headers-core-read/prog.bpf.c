// CO-RE reads as libbpf-bootstrap's tracing programs write them: the current task's parent's
// tgid through two pointers, its name, a field checked for existence. Checked, not run.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/do_exit")
int on_exit(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	pid_t ppid = BPF_CORE_READ(task, real_parent, tgid);
	pid_t pid = BPF_CORE_READ(task, pid);
	char comm[16];

	bpf_core_read_str(comm, sizeof(comm), &task->comm);
	if (bpf_core_field_exists(task->tgid))
		bpf_printk("exit %d (parent %d) %s", pid, ppid, comm);
	return 0;
}
