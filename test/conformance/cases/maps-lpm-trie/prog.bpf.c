// An LPM trie of IPv4 prefixes, filled from the control plane and by the program: longest-prefix
// lookups (limited by the key's own prefix length), exact-match updates and deletes, and the
// errors of a full trie, a prefix longer than the key and unknown flags.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct ipv4_lpm_key {
	__u32 prefixlen;
	__u8 addr[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 7);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct ipv4_lpm_key);
	__type(value, __u32);
} routes SEC(".maps");

__u32 packets;

static __u32 route_of(__u32 prefixlen, __u8 a, __u8 b, __u8 c, __u8 d)
{
	struct ipv4_lpm_key key = { .prefixlen = prefixlen, .addr = { a, b, c, d } };
	__u32 *value = bpf_map_lookup_elem(&routes, &key);
	return value ? *value : 0;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 n = ++packets;
	__u8 third = n * 3;
	bpf_printk("n=%u %u %u %u", n, route_of(32, 10, 1, 2, 3), route_of(32, 10, 1, third, 9),
		   route_of(16, 10, 1, 2, 3));
	bpf_printk("other %u %u", route_of(32, 10, 200, 0, 1), route_of(32, 192, 168, 0, n));

	struct ipv4_lpm_key host = { .prefixlen = 32, .addr = { 192, 168, 0, n } };
	__u32 value = 100 + n;
	long added = bpf_map_update_elem(&routes, &host, &value, BPF_NOEXIST);
	long again = bpf_map_update_elem(&routes, &host, &value, BPF_NOEXIST);
	struct ipv4_lpm_key wide = { .prefixlen = 24, .addr = { 172, 16, n, 77 } };
	long exist = bpf_map_update_elem(&routes, &wide, &value, BPF_EXIST);
	bpf_printk("add %ld %ld %ld", added, again, exist);

	struct ipv4_lpm_key bad = { .prefixlen = 33, .addr = { 1, 2, 3, 4 } };
	long too_long = bpf_map_update_elem(&routes, &bad, &value, BPF_ANY);
	long bad_flags = bpf_map_update_elem(&routes, &host, &value, 4);
	long del_long = bpf_map_delete_elem(&routes, &bad);
	bpf_printk("bad %ld %ld %ld", too_long, bad_flags, del_long);

	struct ipv4_lpm_key old = { .prefixlen = 32, .addr = { 192, 168, 0, n - 2 } };
	struct ipv4_lpm_key eight = { .prefixlen = 8, .addr = { 10, 9, 9, 9 } };
	long gone = n % 3 == 0 ? bpf_map_delete_elem(&routes, &old) : 1;
	long inexact = bpf_map_delete_elem(&routes, &eight);
	bpf_printk("delete %ld %ld", gone, inexact);
	return 0;
}
