// A tracepoint program as libbpf-bootstrap's are written: SEC("tp/…"), the event's record read
// past its common fields, a counter, a printk and a tail call. Checked, not run.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} opens SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} next SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int on_openat(void *ctx)
{
	__u32 key = 0;
	__u64 *count = bpf_map_lookup_elem(&opens, &key);
	long syscall = *(long *)(ctx + 8);

	if (count)
		__sync_fetch_and_add(count, 1);
	bpf_printk("openat (syscall %ld) by %d", syscall, bpf_get_current_pid_tgid() >> 32);
	bpf_tail_call(ctx, &next, 0);
	return 0;
}
