#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#include <linux/if_ether.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	bpf_printk("proto %x len %u", bpf_ntohs(eth->h_proto), (__u32)(data_end - data));
	return bpf_ntohs(eth->h_proto) == ETH_P_IPV6 ? XDP_TX : XDP_PASS;
}
