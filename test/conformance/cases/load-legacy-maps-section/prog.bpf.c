// A samples/bpf-style legacy map: struct bpf_map_def in SEC("maps"), which libbpf 0.x read and
// libbpf 1.0 and later refuse.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") counts = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 4,
};

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int entry(struct __sk_buff *skb)
{
	__u32 key = skb->len & 3;
	__u64 *count = bpf_map_lookup_elem(&counts, &key);
	if (count)
		*count += 1;
	return 0;
}
