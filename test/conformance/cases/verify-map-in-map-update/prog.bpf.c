// Programs only look maps of maps up; their slots are filled from user space.
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
	__u32 key = 1, value = 0;
	return bpf_map_update_elem(&outer, &key, &value, BPF_ANY);
}

char LICENSE[] SEC("license") = "GPL";
