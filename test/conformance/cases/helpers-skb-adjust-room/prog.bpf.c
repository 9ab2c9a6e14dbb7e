// bpf_skb_adjust_room as tunnelling tc programs use it: room after the MAC header or after
// the IPv4 header (zeros, the program fills them), taken out again, a marked encapsulation,
// and the errors of unknown flags, an over-large change, an unknown mode and too much shrink.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

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
	long mac = bpf_skb_adjust_room(skb, 8, BPF_ADJ_ROOM_MAC, 0);
	bpf_printk("mac %ld len %u at14 %x", mac, skb->len, word_at(skb, 14));
	bpf_printk("at22 %x", word_at(skb, 22));
	long back = bpf_skb_adjust_room(skb, -8, BPF_ADJ_ROOM_MAC, 0);
	bpf_printk("back %ld len %u at14 %x", back, skb->len, word_at(skb, 14));

	long net = bpf_skb_adjust_room(skb, 12, BPF_ADJ_ROOM_NET, BPF_F_ADJ_ROOM_FIXED_GSO);
	bpf_printk("net %ld len %u at34 %x", net, skb->len, word_at(skb, 34));
	long unnet = bpf_skb_adjust_room(skb, -12, BPF_ADJ_ROOM_NET, 0);
	bpf_printk("unnet %ld len %u at34 %x", unnet, skb->len, word_at(skb, 34));

	long encap = bpf_skb_adjust_room(skb, 20, BPF_ADJ_ROOM_MAC, BPF_F_ADJ_ROOM_ENCAP_L3_IPV4);
	long twice = bpf_skb_adjust_room(skb, 20, BPF_ADJ_ROOM_MAC, BPF_F_ADJ_ROOM_ENCAP_L3_IPV4);
	bpf_printk("encap %ld twice %ld len %u", encap, twice, skb->len);
	long decap = bpf_skb_adjust_room(skb, -20, BPF_ADJ_ROOM_MAC, BPF_F_ADJ_ROOM_DECAP_L3_IPV4);
	bpf_printk("decap %ld len %u", decap, skb->len);

	long bad_flags = bpf_skb_adjust_room(skb, 4, BPF_ADJ_ROOM_MAC, 1ULL << 40);
	long huge = bpf_skb_adjust_room(skb, 5000, BPF_ADJ_ROOM_MAC, 0);
	long mode = bpf_skb_adjust_room(skb, 4, 7, 0);
	long decap_grow = bpf_skb_adjust_room(skb, 4, BPF_ADJ_ROOM_MAC, BPF_F_ADJ_ROOM_DECAP_L3_IPV4);
	long too_much = bpf_skb_adjust_room(skb, -40, BPF_ADJ_ROOM_NET, 0);
	bpf_printk("bad %ld huge %ld mode %ld", bad_flags, huge, mode);
	bpf_printk("decap grow %ld too much %ld len %u", decap_grow, too_much, skb->len);
	return 0;
}
