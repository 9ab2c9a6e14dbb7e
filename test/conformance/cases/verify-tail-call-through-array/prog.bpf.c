// bpf_tail_call's map argument must be a BPF_MAP_TYPE_PROG_ARRAY.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} not_programs SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &not_programs, 0);
	return 1;
}
