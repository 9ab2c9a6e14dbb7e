// An XDP source blocklist in the shape of many DDoS filters (xdp-filter, the XDP tutorial's
// advanced03): an LRU hash of blocked IPv4 sources, each with its drop count, filled from the
// control plane or here on first sight of a UDP flood port; everything else passes.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} blocked SEC(".maps");

SEC("xdp")
int xdp_blocklist(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	struct udphdr *udp;
	__u64 *drops, first = 1;
	__u32 saddr;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	saddr = iph->saddr;

	drops = bpf_map_lookup_elem(&blocked, &saddr);
	if (drops) {
		__sync_fetch_and_add(drops, 1);
		return XDP_DROP;
	}
	if (iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)iph + iph->ihl * 4;
	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	/* DNS from an even source port (the flood's signature here) blocks its source. */
	if (udp->dest == bpf_htons(53) && bpf_ntohs(udp->source) % 2 == 0) {
		bpf_map_update_elem(&blocked, &saddr, &first, BPF_NOEXIST);
		return XDP_DROP;
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
