#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} recent SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 16);
	__type(key, __u16);
	__type(value, __u32);
} per_cpu_len SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 key = skb->len & 3;
	__u32 one = 1;
	__u32 *n = bpf_map_lookup_elem(&recent, &key);
	if (n)
		*n += 1;
	else
		bpf_map_update_elem(&recent, &key, &one, BPF_NOEXIST);
	__u16 k16 = (__u16)skb->protocol;
	__u32 len = skb->len;
	bpf_map_update_elem(&per_cpu_len, &k16, &len, BPF_ANY);
	return 1;
}
