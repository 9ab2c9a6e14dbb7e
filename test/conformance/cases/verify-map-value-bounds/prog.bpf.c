#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} small SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u32 *v = bpf_map_lookup_elem(&small, &zero);
	if (!v)
		return 1;
	__u64 *wide = (__u64 *)v;
	*wide = 1;
	return 1;
}
