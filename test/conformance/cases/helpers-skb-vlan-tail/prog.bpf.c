// tc helpers that change the skb's shape: bpf_skb_vlan_push (into the hardware tag, an older
// tag moving into the packet), bpf_skb_vlan_pop (and the next tag moving up), and
// bpf_skb_change_tail growing with zeros and cutting, with their errors.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ETH_P_8021Q 0x8100
#define ETH_P_8021AD 0x88A8

char LICENSE[] SEC("license") = "GPL";

static __always_inline __u32 ethertype_at(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	if (data + 16 > end)
		return 0;
	__u8 *b = data;
	return (b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15];
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_printk("start len %u vlan %u proto %x", skb->len, skb->vlan_present, skb->protocol);
	long pushed = bpf_skb_vlan_push(skb, bpf_htons(ETH_P_8021Q), 100);
	bpf_printk("push %ld len %u tci %u", pushed, skb->len, skb->vlan_tci);
	bpf_printk("vlan %u vproto %x bytes %x", skb->vlan_present, skb->vlan_proto, ethertype_at(skb));
	long again = bpf_skb_vlan_push(skb, bpf_htons(ETH_P_8021AD), 200);
	bpf_printk("push %ld len %u tci %u", again, skb->len, skb->vlan_tci);
	bpf_printk("vproto %x proto %x bytes %x", skb->vlan_proto, skb->protocol, ethertype_at(skb));
	long odd = bpf_skb_vlan_push(skb, 0x1234, 300);
	bpf_printk("odd %ld len %u vproto %x", odd, skb->len, skb->vlan_proto);

	long popped = bpf_skb_vlan_pop(skb);
	bpf_printk("pop %ld len %u tci %u", popped, skb->len, skb->vlan_tci);
	bpf_printk("vlan %u proto %x bytes %x", skb->vlan_present, skb->protocol, ethertype_at(skb));
	bpf_skb_vlan_pop(skb);
	bpf_skb_vlan_pop(skb);
	long none = bpf_skb_vlan_pop(skb);
	bpf_printk("none %ld len %u vlan %u", none, skb->len, skb->vlan_present);

	__u32 len = skb->len;
	long grown = bpf_skb_change_tail(skb, len + 10, 0);
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	__u32 last = 0;
	/* The frames are 64 bytes: the grown ten are at 64..73. */
	if (data + 74 <= end)
		last = *(__u32 *)(data + 70);
	bpf_printk("grown %ld len %u tail %x", grown, skb->len, last);
	long flagged = bpf_skb_change_tail(skb, len, 1);
	long tiny = bpf_skb_change_tail(skb, 10, 0);
	long cut = bpf_skb_change_tail(skb, 20, 0);
	bpf_printk("flagged %ld tiny %ld cut %ld", flagged, tiny, cut);
	bpf_printk("end len %u", skb->len);
	return 0;
}
