// A 2-byte key where the map wants 4: the helper reads on into the next local (key, = 0),
// which a privileged loader allows; clang puts short_key just below key, so the key is 1.
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
	__u16 short_key = 1;
	void *inner = bpf_map_lookup_elem(&outer, &key);
	if (!inner)
		return 0;
	__u32 *value = bpf_map_lookup_elem(inner, &short_key);
	return value ? *value : 1;
}

char LICENSE[] SEC("license") = "GPL";
