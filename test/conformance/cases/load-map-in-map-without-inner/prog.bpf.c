// Without __array(values, …) libbpf has no inner map to create the map of maps with.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} outer SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 1;
	return bpf_map_lookup_elem(&outer, &key) != 0;
}

char LICENSE[] SEC("license") = "GPL";
