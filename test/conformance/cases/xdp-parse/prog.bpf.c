#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_endian.h>

__u32 by_proto[3];

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto != bpf_htons(ETH_P_IP)) {
		by_proto[2]++;
		return XDP_PASS;
	}
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_ABORTED;
	bpf_printk("ttl=%u proto=%u tot_len=%u", ip->ttl, ip->protocol, bpf_ntohs(ip->tot_len));
	if (ip->protocol == IPPROTO_TCP) {
		by_proto[0]++;
		return XDP_DROP;
	}
	by_proto[1]++;
	return XDP_PASS;
}
