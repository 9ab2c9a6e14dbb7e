// Ring buffer records as libbpf-bootstrap's programs send them: reserve, fill and submit (or
// discard), bpf_ringbuf_output in one go, the ring filling up within a packet, and queries.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	__u32 packet;
	__u32 len;
	__u16 proto;
	__u8 kind;
	__u8 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 3000);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} small SEC(".maps");

__u32 packets;

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 n = ++packets;
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 1;
	e->packet = n;
	e->len = skb->len;
	e->proto = skb->protocol;
	e->kind = 1;
	e->pad = 0;
	if (n % 3 == 0)
		bpf_ringbuf_discard(e, 0);
	else
		bpf_ringbuf_submit(e, 0);

	struct event copy = { .packet = n, .len = 7, .kind = 2 };
	long sent = bpf_ringbuf_output(&events, &copy, sizeof(copy), BPF_RB_NO_WAKEUP);
	long refused = bpf_ringbuf_output(&events, &copy, 6, 8);
	void *none = bpf_ringbuf_reserve(&events, 16, 1);
	bpf_printk("sent %ld refused %ld flagged %d", sent, refused, none != 0);
	if (none)
		bpf_ringbuf_discard(none, 0);

	/* 4096 bytes hold 170 records of 16 + 8 bytes: the rest find no room. */
	int stored = 0;
	for (int i = 0; i < 200; i++) {
		__u64 *slot = bpf_ringbuf_reserve(&small, 16, 0);
		if (!slot)
			break;
		slot[0] = i;
		slot[1] = n;
		bpf_ringbuf_submit(slot, 0);
		stored++;
	}
	bpf_printk("stored %d avail %lu size %lu", stored, bpf_ringbuf_query(&small, BPF_RB_AVAIL_DATA),
		   bpf_ringbuf_query(&small, BPF_RB_RING_SIZE));
	bpf_printk("prod %lu cons %lu", bpf_ringbuf_query(&events, BPF_RB_PROD_POS),
		   bpf_ringbuf_query(&events, BPF_RB_CONS_POS));
	return 0;
}
