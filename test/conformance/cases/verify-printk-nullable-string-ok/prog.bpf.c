// The kernel checks bpf_printk's arguments only as scalars; a NULL %s prints "(null)".
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[16]);
} names SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	char *name = bpf_map_lookup_elem(&names, &key);
	bpf_printk("name %s", name);
	return 1;
}
