// Rewrites the IPv4 source address and patches both checksums with the csum helpers, as a NAT
// does; then tries each helper's edges.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define IP_CHECK 24
#define IP_SADDR 26
#define IP_ID 18
#define UDP_CHECK 40

static __always_inline __u16 field16(struct __sk_buff *skb, __u32 off)
{
	__u16 v = 0;
	bpf_skb_load_bytes(skb, off, &v, 2);
	return v;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 old_addr = 0, new_addr = bpf_htonl(0xc0a80001);
	__u16 new_id = bpf_htons(0x1234);
	__u16 old_id = field16(skb, IP_ID);
	__u16 udp_check = bpf_htons(0xbeef);

	// The template's UDP checksum is 0 (none): give it one, so that the updates show.
	bpf_skb_store_bytes(skb, UDP_CHECK, &udp_check, 2, 0);

	bpf_skb_load_bytes(skb, IP_SADDR, &old_addr, 4);
	bpf_skb_store_bytes(skb, IP_SADDR, &new_addr, 4, 0);
	long l3 = bpf_l3_csum_replace(skb, IP_CHECK, old_addr, new_addr, 4);
	long l4 = bpf_l4_csum_replace(skb, UDP_CHECK, old_addr, new_addr, BPF_F_PSEUDO_HDR | BPF_F_MARK_MANGLED_0 | 4);
	bpf_printk("addr %ld %ld ip %x udp %x", l3, l4, field16(skb, IP_CHECK), field16(skb, UDP_CHECK));

	bpf_skb_store_bytes(skb, IP_ID, &new_id, 2, 0);
	l3 = bpf_l3_csum_replace(skb, IP_CHECK, old_id, new_id, 2);
	bpf_printk("id %ld ip %x", l3, field16(skb, IP_CHECK));

	l4 = bpf_l4_csum_replace(skb, UDP_CHECK, 0, 0x12345678, BPF_F_MARK_MANGLED_0);
	bpf_printk("diff %ld udp %x", l4, field16(skb, UDP_CHECK));
	l4 = bpf_l4_csum_replace(skb, UDP_CHECK, old_id, new_id, 2);
	bpf_printk("udp16 %ld udp %x", l4, field16(skb, UDP_CHECK));

	// A zero checksum with BPF_F_MARK_MANGLED_0 means none: it stays zero.
	udp_check = 0;
	bpf_skb_store_bytes(skb, UDP_CHECK, &udp_check, 2, 0);
	l4 = bpf_l4_csum_replace(skb, UDP_CHECK, old_addr, new_addr, BPF_F_MARK_MANGLED_0 | 4);
	bpf_printk("none %ld udp %x", l4, field16(skb, UDP_CHECK));

	bpf_printk("odd %ld past %ld", bpf_l3_csum_replace(skb, 25, 1, 2, 2),
		   bpf_l3_csum_replace(skb, skb->len, 1, 2, 2));
	bpf_printk("size3 %ld from %ld", bpf_l3_csum_replace(skb, IP_CHECK, 1, 2, 3),
		   bpf_l3_csum_replace(skb, IP_CHECK, 1, 2, 0));
	bpf_printk("l3flags %ld l4flags %ld ipv6 %ld", bpf_l3_csum_replace(skb, IP_CHECK, 1, 2, BPF_F_PSEUDO_HDR | 2),
		   bpf_l4_csum_replace(skb, UDP_CHECK, 1, 2, 0x100 | 2),
		   bpf_l4_csum_replace(skb, UDP_CHECK, 1, 1, 0x80 | 2));
	return 0;
}
