// NAT64-style tc helpers: bpf_skb_change_proto from IPv4 to IPv6 and back (room after the MAC
// header, the headers left to the program), bpf_skb_change_head's room before the packet, and
// bpf_skb_pull_data on a test run's already linear skb.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD

static __always_inline __u32 word_at(struct __sk_buff *skb, __u32 off)
{
	__u8 *data = (void *)(long)skb->data;
	__u8 *end = (void *)(long)skb->data_end;
	if (off > 128)
		return 0xffffffff;
	__u8 *p = data + off;
	if (p + 4 > end)
		return 0xffffffff;
	return (p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	long same = bpf_skb_change_proto(skb, bpf_htons(ETH_P_IP), 0);
	long flagged = bpf_skb_change_proto(skb, bpf_htons(ETH_P_IPV6), 1);
	long to6 = bpf_skb_change_proto(skb, bpf_htons(ETH_P_IPV6), 0);
	bpf_printk("same %ld flagged %ld to6 %ld", same, flagged, to6);
	bpf_printk("len %u proto %x at14 %x", skb->len, skb->protocol, word_at(skb, 14));
	bpf_printk("at12 %x at34 %x", word_at(skb, 12), word_at(skb, 34));
	long to4 = bpf_skb_change_proto(skb, bpf_htons(ETH_P_IP), 0);
	bpf_printk("to4 %ld len %u proto %x", to4, skb->len, skb->protocol);

	long head = bpf_skb_change_head(skb, 14, 0);
	bpf_printk("head %ld len %u at0 %x", head, skb->len, word_at(skb, 0));
	bpf_printk("at14 %x", word_at(skb, 14));
	long head_flag = bpf_skb_change_head(skb, 4, 2);
	long head_big = bpf_skb_change_head(skb, 20000, 0);
	bpf_printk("head flag %ld big %ld", head_flag, head_big);

	long pulled = bpf_skb_pull_data(skb, 20);
	long past = bpf_skb_pull_data(skb, skb->len + 1);
	bpf_printk("pull %ld past %ld", pulled, past);
	return 0;
}
