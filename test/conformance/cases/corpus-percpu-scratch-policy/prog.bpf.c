// In the shape of Cilium's datapath: per-CPU scratch state kept between tail calls in a
// one-entry PERCPU_ARRAY, and a policy program chosen by a tail call into a prog array
// indexed by the packet's protocol.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct scratch {
	__u32 saddr;
	__u32 daddr;
	__u8 proto;
	__u8 verdict;
	__u16 hops;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

int policy_udp(struct __sk_buff *skb);
int policy_tcp(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 256);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} policies SEC(".maps") = {
	.values = { [IPPROTO_TCP] = (void *)&policy_tcp, [IPPROTO_UDP] = (void *)&policy_udp },
};

static __always_inline struct scratch *scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch_map, &zero);
}

SEC("tc")
int policy_udp(struct __sk_buff *skb)
{
	struct scratch *s = scratch();

	if (!s)
		return TC_ACT_SHOT;
	s->hops++;
	s->verdict = (s->daddr & 0xff) == 2 ? TC_ACT_OK : TC_ACT_SHOT;
	bpf_printk("udp policy: %x -> %x: %d", bpf_ntohl(s->saddr), bpf_ntohl(s->daddr), s->verdict);
	return s->verdict;
}

SEC("tc")
int policy_tcp(struct __sk_buff *skb)
{
	struct scratch *s = scratch();

	if (!s)
		return TC_ACT_SHOT;
	s->hops++;
	s->verdict = TC_ACT_OK;
	return s->verdict;
}

SEC("tc")
int from_container(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct scratch *s = scratch();

	if (!s || (void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	__builtin_memset(s, 0, sizeof(*s));
	s->saddr = ip->saddr;
	s->daddr = ip->daddr;
	s->proto = ip->protocol;
	bpf_tail_call(skb, &policies, s->proto);
	/* No policy for this protocol. */
	return TC_ACT_SHOT;
}

char __license[] SEC("license") = "GPL";
