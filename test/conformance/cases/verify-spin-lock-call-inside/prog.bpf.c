#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct counted {
	__u64 packets;
	struct bpf_spin_lock lock;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counted);
} totals SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct counted *t = bpf_map_lookup_elem(&totals, &key);
	if (!t)
		return 0;
	bpf_spin_lock(&t->lock);
	t->packets += bpf_get_prandom_u32() & 1;
	bpf_spin_unlock(&t->lock);
	return 0;
}
