// Arrays and hashes of maps: a program picks an inner map by key, then counts in it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct counts {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
};

struct counts counts_a SEC(".maps"), counts_b SEC(".maps"), counts_c SEC(".maps");

/* Same shape but eight slots: the kernel refuses it where a four-slot array is expected. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} wider SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} seen SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, struct counts);
} by_slot SEC(".maps") = {
	.values = { [0] = &counts_a, [2] = &counts_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_HASH);
		__uint(max_entries, 4);
		__type(key, __u32);
		__type(value, __u32);
	});
} by_id SEC(".maps");

__u32 packets;

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 n = ++packets;
	for (__u32 slot = 0; slot < 4; slot++) {
		void *inner = bpf_map_lookup_elem(&by_slot, &slot);
		if (!inner) {
			bpf_printk("n=%u slot %u has no map", n, slot);
			continue;
		}
		__u32 k = n % 4;
		__u64 *count = bpf_map_lookup_elem(inner, &k);
		if (count)
			*count += slot + 1;
	}
	__u32 id = 7, value = n * 10;
	void *flows = bpf_map_lookup_elem(&by_id, &id);
	if (flows) {
		long err = bpf_map_update_elem(flows, &n, &value, BPF_NOEXIST);
		bpf_printk("n=%u id 7 update %ld", n, err);
	} else {
		bpf_printk("n=%u id 7 has no map", n);
	}
	return n;
}

char LICENSE[] SEC("license") = "GPL";
