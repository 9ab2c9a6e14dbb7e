// In the shape of a Katran-like load balancer's front half: a VIP looked up by address and port
// in a hash map, a backend chosen by the flow's hash among the VIP's reals, per-VIP counters in
// a per-CPU array, and XDP_TX for packets it balances.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_VIPS 16
#define RING_SIZE 4

struct vip_definition {
	__be32 vip;
	__u16 port;
	__u8 proto;
	__u8 pad;
};

struct vip_meta {
	__u32 flags;
	__u32 vip_num;
};

struct lb_stats {
	__u64 v1;
	__u64 v2;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct vip_definition);
	__type(value, struct vip_meta);
	__uint(max_entries, MAX_VIPS);
} vip_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, MAX_VIPS * RING_SIZE);
} ch_rings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct lb_stats);
	__uint(max_entries, MAX_VIPS);
} stats SEC(".maps");

static __always_inline __u32 flow_hash(__be32 saddr, __be32 daddr, __u16 sport, __u16 dport)
{
	__u32 h = saddr ^ daddr ^ ((__u32)sport << 16 | dport);

	h ^= h >> 16;
	h *= 0x45d9f3b;
	h ^= h >> 16;
	return h;
}

SEC("xdp")
int balancer_ingress(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *udph = (void *)(iph + 1);
	struct vip_definition vip = {};
	struct vip_meta *meta;
	struct lb_stats *st;
	__u32 *real, ring_pos;

	if ((void *)(udph + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	vip.vip = iph->daddr;
	vip.port = udph->dest;
	vip.proto = iph->protocol;
	meta = bpf_map_lookup_elem(&vip_map, &vip);
	if (!meta)
		return XDP_PASS;
	st = bpf_map_lookup_elem(&stats, &meta->vip_num);
	if (!st)
		return XDP_DROP;
	st->v1 += 1;
	st->v2 += bpf_ntohs(iph->tot_len);
	ring_pos = meta->vip_num * RING_SIZE +
		   flow_hash(iph->saddr, iph->daddr, udph->source, udph->dest) % RING_SIZE;
	real = bpf_map_lookup_elem(&ch_rings, &ring_pos);
	if (!real)
		return XDP_DROP;
	bpf_printk("vip %u -> real %u", meta->vip_num, *real);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
