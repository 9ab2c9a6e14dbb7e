// In the shape of the XDP tutorial's packet02-rewriting: the destination port of UDP and TCP
// packets is rewritten in place (one less), with the checksum adjusted by the difference, as
// its solution does with csum folding.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __always_inline __u16 csum_fold_helper(__u32 csum)
{
	__u32 sum;

	sum = (csum >> 16) + (csum & 0xffff);
	sum += (sum >> 16);
	return ~sum;
}

SEC("xdp")
int xdp_port_rewrite(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	struct udphdr *udph;
	__u16 old, new;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end || iph->ihl != 5)
		return XDP_PASS;
	if (iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udph = (void *)(iph + 1);
	if ((void *)(udph + 1) > data_end)
		return XDP_PASS;

	old = udph->dest;
	new = bpf_htons(bpf_ntohs(old) - 1);
	udph->dest = new;
	if (udph->check)
		udph->check = csum_fold_helper((__u32)(__u16)~udph->check + (__u16)~old + new);
	bpf_printk("port %d -> %d check %x", bpf_ntohs(old), bpf_ntohs(new), bpf_ntohs(udph->check));
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
