#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

// XDP runs at the driver, before an skb exists: the context is struct xdp_md, the data starts
// at the Ethernet header, and the verdict is an XDP action.
int xdp_tcp(struct xdp_md *ctx);
int xdp_udp(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 256);   // one slot per IP protocol number
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct xdp_md *));
} by_protocol SEC(".maps") = {
	.values = { [IPPROTO_TCP] = (void *)&xdp_tcp, [IPPROTO_UDP] = (void *)&xdp_udp },
};

// Verdicts per action (XDP_ABORTED, XDP_DROP, XDP_PASS, XDP_TX), per CPU.
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __always_inline int count(__u32 action)
{
	__u64 *n = bpf_map_lookup_elem(&verdicts, &action);
	if (n)
		*n += 1;
	return action;
}

SEC("xdp")
int xdp_tcp(struct xdp_md *ctx)
{
	bpf_printk("xdp_tcp: drop");
	return count(XDP_DROP);
}

SEC("xdp")
int xdp_udp(struct xdp_md *ctx)
{
	bpf_printk("xdp_udp: pass");
	return count(XDP_PASS);
}

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return count(XDP_ABORTED);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return count(XDP_PASS);
	// The protocol number is the slot: an empty slot falls through to the line below.
	bpf_tail_call(ctx, &by_protocol, ip->protocol);
	bpf_printk("no program for protocol %u", ip->protocol);
	return count(XDP_PASS);
}
