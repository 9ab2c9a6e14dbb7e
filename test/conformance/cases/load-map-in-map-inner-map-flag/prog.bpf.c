// With BPF_F_INNER_MAP on the inner map (and on each map put in it), arrays of any size fit.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_INNER_MAP);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} wide SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_INNER_MAP);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} narrow SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_ARRAY);
		__uint(map_flags, BPF_F_INNER_MAP);
		__uint(max_entries, 4);
		__type(key, __u32);
		__type(value, __u64);
	});
} outer SEC(".maps") = { .values = { &wide, &narrow } };

static __always_inline __u64 bump(__u32 slot)
{
	void *inner = bpf_map_lookup_elem(&outer, &slot);
	if (!inner)
		return 0;
	__u32 index = 7;
	__u64 *value = bpf_map_lookup_elem(inner, &index);
	bpf_printk("slot %u index 7 %s", slot, value ? "found" : "missing");
	if (!value)
		return 0;
	*value += 5;
	return *value;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	return bump(0) + bump(1);
}

char LICENSE[] SEC("license") = "GPL";
