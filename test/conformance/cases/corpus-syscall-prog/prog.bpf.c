// A BPF_PROG_TYPE_SYSCALL program in the shape of the kernel selftests' syscall.c: its context
// is the caller's own buffer, read and written freely (it runs sleepable, from bpf() itself).
// Checked, not run.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct args {
	__u64 a;
	__u64 b;
	__u64 sum;
	int flags;
};

SEC("syscall")
int sum(struct args *ctx)
{
	if (ctx->flags)
		return 1;
	ctx->sum = ctx->a + ctx->b;
	return 0;
}
