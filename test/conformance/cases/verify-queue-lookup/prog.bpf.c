#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 8);
	__type(value, __u32);
} jobs SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u32 *job = bpf_map_lookup_elem(&jobs, &key);
	return job ? *job : 0;
}
