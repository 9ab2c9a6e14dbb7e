#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} settings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} allow SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 k = 1, port = 53;
	__u64 *limit = bpf_map_lookup_elem(&settings, &k);
	__u32 *ok = bpf_map_lookup_elem(&allow, &port);
	if (!limit)
		return 0;
	bpf_printk("limit %llu allowed %d", *limit, ok ? (int)*ok : -1);
	return ok ? 1 : 0;
}
