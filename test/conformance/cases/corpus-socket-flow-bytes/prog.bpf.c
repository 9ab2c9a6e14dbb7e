// In the shape of the kernel's samples/bpf/sockex2_kern.c: a socket filter parses each packet
// to its flow (addresses, protocol, ports) and adds its bytes in a hash map keyed by the
// destination. The original reads with LD_ABS; here bpf_skb_load_bytes does it.
#include <stddef.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct flow_key_record {
	__be32 src;
	__be32 dst;
	union {
		__be32 ports;
		__be16 port16[2];
	};
	__u32 ip_proto;
};

struct pair {
	long packets;
	long bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __be32);
	__type(value, struct pair);
	__uint(max_entries, 1024);
} hash_map SEC(".maps");

static __always_inline int flow_dissector(struct __sk_buff *skb, struct flow_key_record *flow)
{
	struct iphdr iph;
	__u64 nhoff = ETH_HLEN;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return 0;
	if (bpf_skb_load_bytes(skb, nhoff, &iph, sizeof(iph)) < 0)
		return 0;
	if (iph.frag_off & bpf_htons(0x3fff))
		return 0;
	flow->src = iph.saddr;
	flow->dst = iph.daddr;
	flow->ip_proto = iph.protocol;
	nhoff += iph.ihl * 4;
	if (flow->ip_proto == IPPROTO_TCP || flow->ip_proto == IPPROTO_UDP)
		if (bpf_skb_load_bytes(skb, nhoff, &flow->ports, sizeof(flow->ports)) < 0)
			return 0;
	return 1;
}

SEC("socket")
int flow_bytes(struct __sk_buff *skb)
{
	struct flow_key_record flow = {};
	struct pair *value;
	__be32 key;

	if (!flow_dissector(skb, &flow))
		return 0;
	key = flow.dst;
	value = bpf_map_lookup_elem(&hash_map, &key);
	if (value) {
		__sync_fetch_and_add(&value->packets, 1);
		__sync_fetch_and_add(&value->bytes, skb->len);
	} else {
		struct pair val = { 1, skb->len };

		bpf_map_update_elem(&hash_map, &key, &val, BPF_ANY);
	}
	return 0;
}

char _license[] SEC("license") = "GPL";
