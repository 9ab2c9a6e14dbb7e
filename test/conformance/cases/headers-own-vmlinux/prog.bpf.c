// <vmlinux.h> is the project's own file, found first as clang finds it with -I.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct project_counter);
} counters SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct project_counter *c = bpf_map_lookup_elem(&counters, &key);

	if (c) {
		c->packets += 1;
		c->bytes += skb->len;
	}
	return 0;
}
