#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} table SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 len = skb->len;
	bpf_map_push_elem(&table, &len, BPF_ANY);
	return 1;
}
