// In the shape of libbpf-tools' opensnoop.bpf.c: the openat tracepoint's record
// (trace_event_raw_sys_enter) gives the user's path pointer, read with
// bpf_probe_read_user_str; a pid filter from a read-only global. Checked, not run.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

const volatile pid_t targ_tgid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} opens SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int tracepoint__syscalls__sys_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	u64 id = bpf_get_current_pid_tgid();
	u32 tgid = id >> 32, pid = id;
	char fname[64];
	u64 one = 1, *count;

	if (targ_tgid && targ_tgid != tgid)
		return 0;
	bpf_probe_read_user_str(&fname, sizeof(fname), (const char *)ctx->args[1]);
	count = bpf_map_lookup_elem(&opens, &pid);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&opens, &pid, &one, BPF_ANY);
	bpf_printk("%d opens %s flags %lx", tgid, fname, ctx->args[2]);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
