// In the shape of the XDP tutorial's packet03-redirecting (its IPv4 half): swap the Ethernet
// and IP addresses and send the packet back out with XDP_TX. Here UDP to port 53 stands in
// for ICMP echo, so the generated packets take the path.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __always_inline void swap_src_dst_mac(struct ethhdr *eth)
{
	__u8 h_tmp[ETH_ALEN];

	__builtin_memcpy(h_tmp, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, h_tmp, ETH_ALEN);
}

static __always_inline void swap_src_dst_ipv4(struct iphdr *iph)
{
	__be32 tmp = iph->saddr;

	iph->saddr = iph->daddr;
	iph->daddr = tmp;
}

SEC("xdp")
int xdp_icmp_echo(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	struct udphdr *udph;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end || iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udph = (void *)iph + iph->ihl * 4;
	if ((void *)(udph + 1) > data_end || udph->dest != bpf_htons(53))
		return XDP_PASS;

	swap_src_dst_mac(eth);
	swap_src_dst_ipv4(iph);
	bpf_printk("echo to %pI4 from port %d", &iph->daddr, bpf_ntohs(udph->source));
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
