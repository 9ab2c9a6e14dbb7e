// The project's "bpf_helpers.h" declares bpf_map_lookup_elem itself; nothing else may.
#include <linux/bpf.h>
#include "bpf_helpers.h"

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
	char fmt[] = "len %u";
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&seen, &key);

	if (n)
		*n += 1;
	bpf_trace_printk(fmt, sizeof(fmt), skb->len);
	return 0;
}
