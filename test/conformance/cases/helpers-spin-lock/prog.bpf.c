// bpf_spin_lock around shared counters in an array and a hash value, and BPF_F_LOCK updates,
// which a value with a lock allows (and one without refuses).
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct counted {
	__u64 packets;
	struct bpf_spin_lock lock;
	__u32 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct counted);
} totals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct counted);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} plain SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = skb->len & 1;
	struct counted *total = bpf_map_lookup_elem(&totals, &key);
	if (!total)
		return 0;
	bpf_spin_lock(&total->lock);
	total->packets++;
	total->bytes += skb->len;
	bpf_spin_unlock(&total->lock);

	__u32 flow = skb->len % 3;
	struct counted fresh = { .packets = 100, .bytes = flow };
	long locked = bpf_map_update_elem(&flows, &flow, &fresh, BPF_F_LOCK);
	struct counted *seen = bpf_map_lookup_elem(&flows, &flow);
	if (seen) {
		bpf_spin_lock(&seen->lock);
		seen->packets += 1;
		bpf_spin_unlock(&seen->lock);
	}
	__u32 zero = 0;
	__u64 one = 1;
	long refused = bpf_map_update_elem(&plain, &zero, &one, BPF_F_LOCK);
	long array_locked = bpf_map_update_elem(&totals, &key, &fresh, BPF_F_LOCK | BPF_EXIST);
	bpf_printk("locked %ld refused %ld array %ld", locked, refused, array_locked);
	return 0;
}
