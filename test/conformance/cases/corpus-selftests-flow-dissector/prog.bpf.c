// A flow dissector in the shape of the kernel selftests' bpf_flow.c: the entry program hands
// the packet to a parser per protocol through a PROG_ARRAY, each parser reads its header from
// the packet (directly when it is in the linear data, else with bpf_skb_load_bytes) and fills
// in the flow keys. Checked, not run.
#include <limits.h>
#include <stddef.h>
#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define IP_MF		0x2000
#define IP_OFFSET	0x1FFF

#define PROG(F) PROG_(F, _##F)
#define PROG_(NUM, NAME) SEC("flow_dissector") int flow_dissector_##NUM

#define IP		0
#define IPV6		1
#define TRANSPORT	2

static int parse_eth_proto(struct __sk_buff *skb, __be16 proto);
PROG(IP)(struct __sk_buff *skb);
PROG(IPV6)(struct __sk_buff *skb);
PROG(TRANSPORT)(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 3);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jmp_table SEC(".maps") = {
	.values = {
		[IP] = (void *)&flow_dissector_0,
		[IPV6] = (void *)&flow_dissector_1,
		[TRANSPORT] = (void *)&flow_dissector_2,
	},
};

/* The header at the flow keys' transport offset: in the packet when it is there, else copied. */
static __always_inline void *header(struct __sk_buff *skb, __u16 hdr_size, void *buffer)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	__u16 thoff = skb->flow_keys->thoff;
	__u8 *hdr;

	if (thoff > (USHRT_MAX - hdr_size))
		return NULL;
	hdr = data + thoff;
	if (hdr + hdr_size <= data_end)
		return hdr;
	if (bpf_skb_load_bytes(skb, thoff, buffer, hdr_size))
		return NULL;
	return buffer;
}

SEC("flow_dissector")
int _dissect(struct __sk_buff *skb)
{
	struct bpf_flow_keys *keys = skb->flow_keys;

	return parse_eth_proto(skb, keys->n_proto);
}

static __always_inline int parse_eth_proto(struct __sk_buff *skb, __be16 proto)
{
	struct bpf_flow_keys *keys = skb->flow_keys;

	switch (proto) {
	case bpf_htons(ETH_P_IP):
		bpf_tail_call_static(skb, &jmp_table, IP);
		break;
	case bpf_htons(ETH_P_IPV6):
		bpf_tail_call_static(skb, &jmp_table, IPV6);
		break;
	default:
		return BPF_DROP;
	}
	return BPF_DROP;
}

PROG(IP)(struct __sk_buff *skb)
{
	struct bpf_flow_keys *keys = skb->flow_keys;
	struct iphdr *iph, _iph;
	bool done = false;

	iph = header(skb, sizeof(*iph), &_iph);
	if (!iph)
		return BPF_DROP;
	if (iph->ihl < 5)
		return BPF_DROP;

	keys->addr_proto = ETH_P_IP;
	keys->ipv4_src = iph->saddr;
	keys->ipv4_dst = iph->daddr;
	keys->ip_proto = iph->protocol;
	keys->thoff += iph->ihl << 2;
	if (iph->frag_off & bpf_htons(IP_MF | IP_OFFSET)) {
		keys->is_frag = true;
		if (iph->frag_off & bpf_htons(IP_OFFSET))
			done = true;
		else
			keys->is_first_frag = true;
	}
	if (done)
		return BPF_OK;
	bpf_tail_call_static(skb, &jmp_table, TRANSPORT);
	return BPF_DROP;
}

PROG(IPV6)(struct __sk_buff *skb)
{
	struct bpf_flow_keys *keys = skb->flow_keys;
	struct ipv6hdr *ip6h, _ip6h;

	ip6h = header(skb, sizeof(*ip6h), &_ip6h);
	if (!ip6h)
		return BPF_DROP;

	keys->addr_proto = ETH_P_IPV6;
	__builtin_memcpy(&keys->ipv6_src, &ip6h->saddr, 2 * sizeof(ip6h->saddr));
	keys->thoff += sizeof(struct ipv6hdr);
	keys->ip_proto = ip6h->nexthdr;
	keys->flow_label = *(__be32 *)ip6h & bpf_htonl(0xFFFFF);
	bpf_tail_call_static(skb, &jmp_table, TRANSPORT);
	return BPF_DROP;
}

PROG(TRANSPORT)(struct __sk_buff *skb)
{
	struct bpf_flow_keys *keys = skb->flow_keys;
	struct tcphdr *tcp, _tcp;
	struct udphdr *udp, _udp;

	switch (keys->ip_proto) {
	case IPPROTO_TCP:
		tcp = header(skb, sizeof(*tcp), &_tcp);
		if (!tcp || tcp->doff < 5)
			return BPF_DROP;
		keys->sport = tcp->source;
		keys->dport = tcp->dest;
		return BPF_OK;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		udp = header(skb, sizeof(*udp), &_udp);
		if (!udp)
			return BPF_DROP;
		keys->sport = udp->source;
		keys->dport = udp->dest;
		return BPF_OK;
	default:
		return BPF_DROP;
	}
}

char __license[] SEC("license") = "GPL";
