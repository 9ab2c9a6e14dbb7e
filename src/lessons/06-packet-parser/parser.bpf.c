#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

// One parser per protocol; each finds the next header and tail-calls the parser for it.
enum { PARSE_IPV4, PARSE_IPV6, PARSE_TCP, PARSE_UDP, PARSERS };

// What the parsers learn about the packet in flight, handed down the chain. Per CPU: a packet
// on another CPU, halfway through its own chain, never sees it.
struct scratch {
	__u16 l3_proto;   // ETH_P_IP or ETH_P_IPV6, host order
	__u8 l4_proto;    // IPPROTO_TCP or IPPROTO_UDP
	__u8 hops;        // parsers run so far
	__u32 l4_offset;  // where the TCP or UDP header starts
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} state SEC(".maps");

int parse_ipv4(struct __sk_buff *skb);
int parse_ipv6(struct __sk_buff *skb);
int parse_tcp(struct __sk_buff *skb);
int parse_udp(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, PARSERS);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} parsers SEC(".maps") = {
	.values = {
		[PARSE_IPV4] = (void *)&parse_ipv4,
		[PARSE_IPV6] = (void *)&parse_ipv6,
		[PARSE_TCP] = (void *)&parse_tcp,
		[PARSE_UDP] = (void *)&parse_udp,
	},
};

static __always_inline struct scratch *scratch(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&state, &zero);
}

static __always_inline void next_l4(struct __sk_buff *skb, __u8 proto)
{
	if (proto == IPPROTO_TCP)
		bpf_tail_call(skb, &parsers, PARSE_TCP);
	else if (proto == IPPROTO_UDP)
		bpf_tail_call(skb, &parsers, PARSE_UDP);
}

SEC("tc")
int parse_tcp(struct __sk_buff *skb)
{
	struct scratch *s = scratch();
	struct tcphdr tcp;
	if (!s || bpf_skb_load_bytes(skb, s->l4_offset, &tcp, sizeof(tcp)) < 0)
		return TC_ACT_OK;
	s->hops++;
	bpf_printk("TCP %u -> %u after %u parsers", bpf_ntohs(tcp.source), bpf_ntohs(tcp.dest), s->hops);
	return TC_ACT_OK;
}

SEC("tc")
int parse_udp(struct __sk_buff *skb)
{
	struct scratch *s = scratch();
	struct udphdr udp;
	if (!s || bpf_skb_load_bytes(skb, s->l4_offset, &udp, sizeof(udp)) < 0)
		return TC_ACT_OK;
	s->hops++;
	bpf_printk("UDP %u -> %u after %u parsers", bpf_ntohs(udp.source), bpf_ntohs(udp.dest), s->hops);
	// Drop DNS answers to nobody in particular, to show a verdict other than OK.
	return bpf_ntohs(udp.dest) == 53 && s->l3_proto == ETH_P_IPV6 ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("tc")
int parse_ipv6(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ipv6hdr *ip6 = (void *)((struct ethhdr *)data + 1);
	struct scratch *s = scratch();
	if (!s || (void *)(ip6 + 1) > data_end)
		return TC_ACT_OK;
	s->hops++;
	s->l4_proto = ip6->nexthdr;
	s->l4_offset = sizeof(struct ethhdr) + sizeof(struct ipv6hdr);
	next_l4(skb, ip6->nexthdr);
	bpf_printk("IPv6: next header %u has no parser", ip6->nexthdr);
	return TC_ACT_OK;
}

SEC("tc")
int parse_ipv4(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = (void *)((struct ethhdr *)data + 1);
	struct scratch *s = scratch();
	if (!s || (void *)(ip + 1) > data_end)
		return TC_ACT_OK;
	s->hops++;
	s->l4_proto = ip->protocol;
	s->l4_offset = sizeof(struct ethhdr) + ip->ihl * 4;
	next_l4(skb, ip->protocol);
	bpf_printk("IPv4: protocol %u has no parser", ip->protocol);
	return TC_ACT_OK;
}

SEC("tc")
int parse_eth(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct scratch *s = scratch();
	if (!s || (void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	s->hops = 1;
	s->l3_proto = bpf_ntohs(eth->h_proto);
	if (s->l3_proto == ETH_P_IP)
		bpf_tail_call(skb, &parsers, PARSE_IPV4);
	else if (s->l3_proto == ETH_P_IPV6)
		bpf_tail_call(skb, &parsers, PARSE_IPV6);
	bpf_printk("ethertype 0x%04x has no parser", s->l3_proto);
	return TC_ACT_OK;
}
