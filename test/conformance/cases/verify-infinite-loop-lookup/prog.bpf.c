// A loop left only when a lookup fails: each turn's lookup is a new id, but the kernel
// matches ids between states, and the states repeat.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); } counts SEC(".maps");
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	for (;;) {
		__u32 *v = bpf_map_lookup_elem(&counts, &key);
		if (!v)
			break;
		*v += 1;
	}
	return 1;
}
