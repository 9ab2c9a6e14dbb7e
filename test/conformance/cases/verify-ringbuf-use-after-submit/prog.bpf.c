#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u64 *e = bpf_ringbuf_reserve(&events, 16, 0);
	if (!e)
		return 0;
	e[0] = skb->len;
	bpf_ringbuf_submit(e, 0);
	/* The record belongs to user space now. */
	e[1] = skb->protocol;
	return 0;
}
