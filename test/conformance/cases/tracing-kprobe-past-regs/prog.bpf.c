// struct pt_regs is 168 bytes on x86-64: a kprobe may not read past it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("kretprobe/do_unlinkat")
int on_return(void *ctx)
{
	unsigned long past = *(unsigned long *)(ctx + 168);

	bpf_printk("%lx", past);
	return 0;
}
