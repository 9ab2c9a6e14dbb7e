#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#include <linux/if_ether.h>
#include <linux/ip.h>

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	struct iphdr *ip = (void *)(eth + 1);
	return ip->ttl > 1 ? XDP_PASS : XDP_DROP;
}
