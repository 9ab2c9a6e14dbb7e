// A tc egress marker in the shape of QoS classifiers: UDP packets get DSCP EF (46) in the IPv4
// TOS byte, written with bpf_skb_store_bytes and the header checksum fixed with
// bpf_l3_csum_replace; the skb priority follows.
#include <stddef.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define IP_TOS_OFF (ETH_HLEN + offsetof(struct iphdr, tos))
#define IP_CSUM_OFF (ETH_HLEN + offsetof(struct iphdr, check))
#define DSCP_EF 46

SEC("tc")
int tc_dscp(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct iphdr *iph = data + ETH_HLEN;
	__u8 old_tos, new_tos;

	if (data + ETH_HLEN + sizeof(*iph) > data_end)
		return TC_ACT_OK;
	if (skb->protocol != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_UDP)
		return TC_ACT_OK;

	old_tos = iph->tos;
	new_tos = (DSCP_EF << 2) | (old_tos & 0x3);
	if (old_tos == new_tos)
		return TC_ACT_OK;
	bpf_l3_csum_replace(skb, IP_CSUM_OFF, bpf_htons(old_tos), bpf_htons(new_tos), 2);
	bpf_skb_store_bytes(skb, IP_TOS_OFF, &new_tos, sizeof(new_tos), 0);
	skb->priority = 6;
	bpf_printk("tos %x -> %x", old_tos, new_tos);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
