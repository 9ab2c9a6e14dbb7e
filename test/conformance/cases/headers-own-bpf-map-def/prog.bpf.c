// The project's own struct bpf_map_def sits beside libbpf's header without a clash.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "compat.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *count = bpf_map_lookup_elem(&seen, &key);

	if (count)
		*count += sizeof(struct bpf_map_def);
	return 0;
}
