#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct key {
	__u32 prefixlen;
	__u32 addr;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 16);
	__type(key, struct key);
	__type(value, __u32);
} allow SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	struct key k = { .prefixlen = 32, .addr = skb->remote_ip4 };
	__u32 *verdict = bpf_map_lookup_elem(&allow, &k);
	return verdict ? *verdict : 2;
}
