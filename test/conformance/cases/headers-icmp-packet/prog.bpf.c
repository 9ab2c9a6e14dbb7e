// ICMP and packet-socket names from the uapi headers, as classifiers use them.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_printk("icmp %lu %lu %lu", sizeof(struct icmphdr), __builtin_offsetof(struct icmphdr, un.frag.mtu),
		   __builtin_offsetof(struct icmphdr, un.echo.sequence));
	bpf_printk("ll %lu %lu %lu", sizeof(struct sockaddr_ll), __builtin_offsetof(struct sockaddr_ll, sll_pkttype),
		   __builtin_offsetof(struct sockaddr_ll, sll_addr));
	bpf_printk("types %d %d %d", ICMP_ECHO, ICMP_FRAG_NEEDED, ICMP_TIME_EXCEEDED);
	return skb->pkt_type == PACKET_HOST || skb->pkt_type == PACKET_OUTGOING;
}
