// A USDT probe handler as libbpf-bootstrap's usdt example writes one: BPF_USDT names the
// probe's arguments, which usdt.bpf.h reads through the spec libbpf records for each probe
// site (bpf_usdt_arg), found by the BPF cookie where the kernel has them. Checked, not run.
#define __TARGET_ARCH_x86
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

pid_t my_pid = 0;

SEC("usdt/libc.so.6:libc:setjmp")
int BPF_USDT(usdt_auto_attach, void *arg1, int arg2, void *arg3)
{
	pid_t pid = bpf_get_current_pid_tgid() >> 32;

	if (pid != my_pid)
		return 0;
	bpf_printk("USDT auto attach to libc:setjmp: arg1 = %lx, arg2 = %d, arg3 = %lx", arg1, arg2, arg3);
	return 0;
}

SEC("usdt")
int usdt_manual_attach(struct pt_regs *ctx)
{
	long arg1, arg2, arg3;
	int count = bpf_usdt_arg_cnt(ctx);

	bpf_usdt_arg(ctx, 0, &arg1);
	bpf_usdt_arg(ctx, 1, &arg2);
	bpf_usdt_arg(ctx, 2, &arg3);
	bpf_printk("USDT manual attach: %d args, cookie %ld: %lx %ld %lx", count, bpf_usdt_cookie(ctx), arg1,
		   arg2, arg3);
	return 0;
}
