// libbpf's register accessors need the target architecture (-D__TARGET_ARCH_x86): the BPF
// target names none, so without it each use is an error, in clang and in Tailscope.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/tcp_v4_connect")
int BPF_KPROBE(on_connect, struct sock *sk)
{
	bpf_printk("connect from sk %p", sk);
	return 0;
}

SEC("kprobe/tcp_close")
int on_close(struct pt_regs *ctx)
{
	long timeout = PT_REGS_PARM2(ctx);

	bpf_printk("close, timeout %ld", timeout);
	return 0;
}
