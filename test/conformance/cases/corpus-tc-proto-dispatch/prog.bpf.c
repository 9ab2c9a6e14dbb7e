// A tc entry program in the shape of Cilium's dispatch: it parses the packet once, leaves what
// it found in skb->cb for the next program (cb survives tail calls), and tail-calls a handler
// per IP protocol from a PROG_ARRAY; each handler counts per CPU and decides.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define CB_PROTO 0
#define CB_L4_OFF 1

int handle_tcp(struct __sk_buff *skb);
int handle_udp(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 256);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} by_proto SEC(".maps") = {
	.values = {
		[IPPROTO_TCP] = (void *)&handle_tcp,
		[IPPROTO_UDP] = (void *)&handle_udp,
	},
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} handled SEC(".maps");

static __always_inline void count(__u32 slot)
{
	__u64 *n = bpf_map_lookup_elem(&handled, &slot);

	if (n)
		*n += 1;
}

SEC("tc")
int tc_entry(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct iphdr *iph = data + ETH_HLEN;

	if ((void *)(iph + 1) > data_end || skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	skb->cb[CB_PROTO] = iph->protocol;
	skb->cb[CB_L4_OFF] = ETH_HLEN + iph->ihl * 4;
	bpf_tail_call(skb, &by_proto, iph->protocol);
	/* No handler for this protocol. */
	count(2);
	return TC_ACT_OK;
}

SEC("tc")
int handle_tcp(struct __sk_buff *skb)
{
	__u8 flags;

	count(0);
	if (bpf_skb_load_bytes(skb, skb->cb[CB_L4_OFF] + 13, &flags, 1) < 0)
		return TC_ACT_SHOT;
	bpf_printk("tcp flags %x from cb offset %u", flags, skb->cb[CB_L4_OFF]);
	return flags & 0x04 ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("tc")
int handle_udp(struct __sk_buff *skb)
{
	count(1);
	return skb->cb[CB_PROTO] == IPPROTO_UDP ? TC_ACT_OK : TC_ACT_SHOT;
}

char _license[] SEC("license") = "GPL";
