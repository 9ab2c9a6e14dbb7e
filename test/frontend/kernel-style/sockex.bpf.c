#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "parse.h"
// expected-no-diagnostics

#define ETH_P_IP_HOST 0x0800
#define ETH_P_IPV6_HOST 0x86DD

static __always_inline struct globals *this_cpu_globals(void)
{
	__u32 key = 0;
	return bpf_map_lookup_elem(&percpu_map, &key);
}

static __always_inline void parse_eth_proto(struct __sk_buff *skb, __u32 proto)
{
	switch (proto) {
	case bpf_htons(ETH_P_IP_HOST):
		bpf_tail_call(skb, &jmp_table, PARSE_IP);
		break;
	case bpf_htons(ETH_P_IPV6_HOST):
		bpf_tail_call(skb, &jmp_table, PARSE_IPV6);
		break;
	}
}

PROG(PARSE_IP)(struct __sk_buff *skb)
{
	struct globals *g = this_cpu_globals();
	__u8 proto = 0;

	if (!g)
		return 0;
	if (bpf_skb_load_bytes(skb, g->nhoff + __builtin_offsetof(struct iphdr, protocol), &proto, 1) < 0)
		return 0;
	g->flow.ip_proto = proto;
	bpf_printk("ip proto=%d ports=%x", proto, g->flow.ports);
	return skb->len;
}

PROG(PARSE_IPV6)(struct __sk_buff *skb)
{
	struct globals *g = this_cpu_globals();

	if (!g)
		return 0;
	g->flow.port16[0] = 0;
	return skb->len;
}

SEC("socket")
int main_prog(struct __sk_buff *skb)
{
	struct globals *g = this_cpu_globals();

	if (!g)
		return 0;
	__builtin_memset(g, 0, sizeof(*g));
	g->nhoff = 14;
	parse_eth_proto(skb, skb->protocol);
	return 0;
}

char _license[] SEC("license") = "GPL";
