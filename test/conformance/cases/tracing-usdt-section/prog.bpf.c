// SEC("usdt/…") is a uprobe to the kernel (libbpf attaches it to the probe's address, and its
// usdt.bpf.h reads the arguments): checked as a kprobe-type program, not run.
#define __TARGET_ARCH_x86
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("usdt/./app:myapp:request")
int on_request(struct pt_regs *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;

	bpf_printk("request in %d at %lx", pid, PT_REGS_IP(ctx));
	return 0;
}
