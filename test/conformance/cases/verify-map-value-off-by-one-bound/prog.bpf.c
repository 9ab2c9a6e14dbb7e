#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct counters {
	__u64 slots[8];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counters);
} stats SEC(".maps");

/* Checked against 8 with >, not >=: slot 8 passes the check and is one past the end. */
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 zero = 0;
	struct counters *c = bpf_map_lookup_elem(&stats, &zero);
	if (!c)
		return 1;
	__u32 slot = skb->len;
	if (slot > 8)
		return 1;
	c->slots[slot] += 1;
	return 1;
}
