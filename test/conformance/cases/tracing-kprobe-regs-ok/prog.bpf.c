// A kprobe reads the probed function's arguments from the saved registers (struct pt_regs on
// x86-64: the first argument in di, at byte 112). Checked, not run.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/do_unlinkat")
int on_unlink(void *ctx)
{
	long dfd = *(long *)(ctx + 112);
	unsigned long ip = *(unsigned long *)(ctx + 128);

	bpf_printk("unlinkat dfd=%ld ip=%lx", dfd, ip);
	return 0;
}
