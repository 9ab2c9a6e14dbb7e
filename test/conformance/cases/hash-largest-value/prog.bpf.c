// A hash map whose key and value take 4 MiB - 49 bytes: the kernel creates it with one byte less
// (htab_map_alloc_check: key + value must stay under KMALLOC_MAX_SIZE less an element's header).
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, char[4194251]);
} big SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 k = 7;
	char *v = bpf_map_lookup_elem(&big, &k);
	if (v)
		v[0] = 1;
	return 1;
}
