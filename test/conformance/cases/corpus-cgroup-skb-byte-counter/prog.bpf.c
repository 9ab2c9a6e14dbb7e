// A cgroup egress counter in the shape of ebpf-go's cgroup_skb example, grown a little: bytes
// and packets per IP protocol in a hash map, read from the IPv4 header with bpf_skb_load_bytes
// (cgroup_skb sees packets from the network header), every packet allowed.
#include <linux/bpf.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct counters {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 32);
	__type(key, __u8);
	__type(value, struct counters);
} by_protocol SEC(".maps");

SEC("cgroup_skb/egress")
int count_egress(struct __sk_buff *skb)
{
	struct counters *c, fresh = {};
	struct iphdr iph;
	__u8 proto = 0;

	if (skb->protocol == bpf_htons(0x0800) && bpf_skb_load_bytes(skb, 0, &iph, sizeof(iph)) == 0)
		proto = iph.protocol;
	c = bpf_map_lookup_elem(&by_protocol, &proto);
	if (!c) {
		bpf_map_update_elem(&by_protocol, &proto, &fresh, BPF_NOEXIST);
		c = bpf_map_lookup_elem(&by_protocol, &proto);
		if (!c)
			return 1;
	}
	__sync_fetch_and_add(&c->packets, 1);
	__sync_fetch_and_add(&c->bytes, skb->len);
	return 1;
}

char _license[] SEC("license") = "Dual MIT/GPL";
