// One program attached to every function a pattern names (SEC("kprobe.multi/tcp_*"), libbpf's
// kprobe.multi): it counts calls per CPU and reads the function's address from the context.
// Checked, not run.
#define __TARGET_ARCH_x86
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} calls SEC(".maps");

SEC("kprobe.multi/tcp_*")
int on_tcp(struct pt_regs *ctx)
{
	u32 zero = 0;
	u64 *count = bpf_map_lookup_elem(&calls, &zero);
	u64 ip = bpf_get_func_ip(ctx);

	if (count)
		*count += 1;
	bpf_printk("tcp function at %llx, first argument %lx", ip, PT_REGS_PARM1(ctx));
	return 0;
}
