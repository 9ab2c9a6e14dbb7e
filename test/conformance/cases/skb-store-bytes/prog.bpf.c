// Rewrites the destination MAC's first bytes, reads them back, and tries the edges.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u8 mark[2] = { 0xab, 0xcd };
	__u8 back[4] = {};
	long ok = bpf_skb_store_bytes(skb, 1, mark, 2, BPF_F_INVALIDATE_HASH);
	bpf_skb_load_bytes(skb, 0, back, 4);
	long past = bpf_skb_store_bytes(skb, skb->len - 1, mark, 2, 0);
	long flags = bpf_skb_store_bytes(skb, 0, mark, 2, 4);
	bpf_printk("%ld %x%x%x%x", ok, back[0], back[1], back[2], back[3]);
	bpf_printk("past %ld flags %ld", past, flags);

	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	if (data + 3 > end)
		return 0;
	return ((__u8 *)data)[2];
}
