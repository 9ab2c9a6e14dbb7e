// fentry and fexit programs attach through BPF trampolines, which this kernel does not build:
// it refuses every such program at load with EPERM, and so does Tailscope.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_unlinkat")
int BPF_PROG(on_unlink, int dfd, struct filename *name)
{
	bpf_printk("unlink %s", name->name);
	return 0;
}
