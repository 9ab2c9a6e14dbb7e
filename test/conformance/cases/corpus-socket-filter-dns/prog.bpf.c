// A socket filter in the shape of packet-capture filters (tcpdump's 'udp port 53' compiled to
// eBPF by hand): the headers are copied out with bpf_skb_load_bytes, since socket filters may
// not read the packet directly; the return value is how many bytes to keep.
#include <stddef.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

SEC("socket")
int dns_only(struct __sk_buff *skb)
{
	struct iphdr iph;
	struct udphdr udp;
	__u32 kept = 0;
	__u64 *count;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		goto out;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &iph, sizeof(iph)) < 0 || iph.protocol != IPPROTO_UDP)
		goto out;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + iph.ihl * 4, &udp, sizeof(udp)) < 0)
		goto out;
	if (udp.source == bpf_htons(53) || udp.dest == bpf_htons(53) || udp.dest == bpf_htons(4242))
		kept = 1;
out:
	count = bpf_map_lookup_elem(&seen, &kept);
	if (count)
		__sync_fetch_and_add(count, 1);
	return kept ? skb->len : 0;
}

char _license[] SEC("license") = "GPL";
