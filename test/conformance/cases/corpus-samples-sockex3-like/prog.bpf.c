// Shaped like samples/bpf sockex3: a socket filter that parses a packet by tail calls, one
// program per protocol, numbered by PROG(F) macros, reading with LD_ABS and counting flows in a
// map, with uapi headers included by their <uapi/linux/...> names.
#include <uapi/linux/bpf.h>
#include <uapi/linux/if_ether.h>
#include <uapi/linux/ip.h>
#include <uapi/linux/in.h>
#include <bpf/bpf_helpers.h>
#include "bpf_legacy.h"

#define PROG(F) SEC("socket") int bpf_func_##F

enum { PARSE_IP = 1, PARSE_UDP = 2, PARSE_TCP = 3 };

int bpf_func_PARSE_IP(struct __sk_buff *skb);
int bpf_func_PARSE_UDP(struct __sk_buff *skb);
int bpf_func_PARSE_TCP(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(max_entries, 8);
	__array(values, int (void *));
} jmp_table SEC(".maps") = {
	.values = {
		[PARSE_IP] = (void *)&bpf_func_PARSE_IP,
		[PARSE_UDP] = (void *)&bpf_func_PARSE_UDP,
		[PARSE_TCP] = (void *)&bpf_func_PARSE_TCP,
	},
};

struct flow_key {
	__u32 src;
	__u32 dst;
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 pad[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct flow_key);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct flow_key);
	__type(value, __u64);
} flows SEC(".maps");

static __always_inline struct flow_key *this_flow(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&scratch, &zero);
}

static __always_inline void count(struct __sk_buff *skb, struct flow_key *key)
{
	__u64 one = 1, *bytes = bpf_map_lookup_elem(&flows, key);
	if (bytes)
		__sync_fetch_and_add(bytes, skb->len);
	else
		bpf_map_update_elem(&flows, key, &one, BPF_ANY);
}

PROG(PARSE_UDP)(struct __sk_buff *skb)
{
	struct flow_key *key = this_flow();
	if (!key)
		return 0;
	__u32 nhoff = skb->cb[0];
	key->sport = load_half(skb, nhoff + 0);
	key->dport = load_half(skb, nhoff + 2);
	count(skb, key);
	return 0;
}

PROG(PARSE_TCP)(struct __sk_buff *skb)
{
	struct flow_key *key = this_flow();
	if (!key)
		return 0;
	__u32 nhoff = skb->cb[0];
	key->sport = load_half(skb, nhoff + 0);
	key->dport = load_half(skb, nhoff + 2);
	count(skb, key);
	return 0;
}

PROG(PARSE_IP)(struct __sk_buff *skb)
{
	struct flow_key *key = this_flow();
	if (!key)
		return 0;
	__u32 verlen = load_byte(skb, 0);
	key->proto = load_byte(skb, offsetof(struct iphdr, protocol));
	key->src = load_word(skb, offsetof(struct iphdr, saddr));
	key->dst = load_word(skb, offsetof(struct iphdr, daddr));
	skb->cb[0] = (verlen & 0xf) << 2;
	if (key->proto == IPPROTO_UDP)
		bpf_tail_call(skb, &jmp_table, PARSE_UDP);
	else if (key->proto == IPPROTO_TCP)
		bpf_tail_call(skb, &jmp_table, PARSE_TCP);
	return 0;
}

SEC("socket")
int main_prog(struct __sk_buff *skb)
{
	if (skb->protocol == __constant_htons(ETH_P_IP))
		bpf_tail_call(skb, &jmp_table, PARSE_IP);
	return 0;
}

char _license[] SEC("license") = "GPL";
