// A loop that only stores to a map value: clang rewrites it into one store, so the
// kernel sees no loop.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); } counts SEC(".maps");
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u32 *v = bpf_map_lookup_elem(&counts, &key);
	if (!v)
		return 1;
	while (*v < 10)
		(*v)++;
	return 1;
}
