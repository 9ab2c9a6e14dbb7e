// In the shape of libbpf-tools' bashreadline.bpf.c: a uretprobe on bash's readline reads the
// returned line from user memory, for the bash processes only. Checked, not run.
#define __TARGET_ARCH_x86
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define MAX_LINE_SIZE 80

SEC("uretprobe//bin/bash:readline")
int BPF_KRETPROBE(printret, const void *ret)
{
	char comm[16];
	char line[MAX_LINE_SIZE];

	if (!ret)
		return 0;
	bpf_get_current_comm(&comm, sizeof(comm));
	if (comm[0] != 'b' || comm[1] != 'a' || comm[2] != 's' || comm[3] != 'h' || comm[4] != 0)
		return 0;
	bpf_probe_read_user_str(line, sizeof(line), ret);
	bpf_printk("bash: %s", line);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
