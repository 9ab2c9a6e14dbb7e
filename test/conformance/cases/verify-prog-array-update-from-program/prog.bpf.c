// Only the control plane (the bpf() syscall) fills a prog array's slots.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} programs SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0, fd = 3;
	bpf_map_update_elem(&programs, &key, &fd, BPF_ANY);
	return 1;
}
