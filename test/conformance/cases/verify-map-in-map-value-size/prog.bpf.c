// The inner map's values are 4 bytes: reading a second __u32 is past the end.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
};

struct inner first SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = { .values = { [0] = &first } };

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	void *inner = bpf_map_lookup_elem(&outer, &key);
	if (!inner)
		return 0;
	__u32 *value = bpf_map_lookup_elem(inner, &key);
	if (!value)
		return 1;
	return value[1];
}

char LICENSE[] SEC("license") = "GPL";
