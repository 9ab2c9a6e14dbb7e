// A struct_ops variable of a struct the kernel has no struct_ops for.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

struct my_ops {
	int (*go)(int);
};

SEC("struct_ops/go")
int go(unsigned long long *ctx)
{
	return 0;
}

SEC(".struct_ops")
struct my_ops ops = {
	.go = (void *)go,
};
