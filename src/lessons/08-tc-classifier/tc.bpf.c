#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

// A tc classifier sees the whole frame from the Ethernet header, may rewrite skb->mark and
// skb->priority, and answers with a TC_ACT_* verdict.
int tc_mark(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} stages SEC(".maps") = { .values = { [0] = (void *)&tc_mark } };

__u64 shot, passed;

SEC("tc")
int tc_mark(struct __sk_buff *skb)
{
	// The mark set by tc_classify survives the tail call: it lives in the skb.
	if (skb->mark == 6) {
		__sync_fetch_and_add(&shot, 1);
		bpf_printk("tc_mark: mark %u, TC_ACT_SHOT", skb->mark);
		return TC_ACT_SHOT;
	}
	__sync_fetch_and_add(&passed, 1);
	bpf_printk("tc_mark: mark %u, priority %u, TC_ACT_OK", skb->mark, skb->priority);
	return TC_ACT_OK;
}

SEC("tc")
int tc_classify(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	__u8 *ip = (void *)(eth + 1);
	if ((void *)(ip + 10) > data_end)
		return TC_ACT_OK;
	// Byte 9 of an IPv4 header is the protocol; IPv6's next header is byte 6.
	skb->mark = eth->h_proto == bpf_htons(ETH_P_IP) ? ip[9] : ip[6];
	skb->priority = skb->len;
	bpf_printk("tc_classify: len %u, protocol %u", skb->len, skb->mark);
	bpf_tail_call(skb, &stages, 0);
	return TC_ACT_OK;
}
