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
	__u32 *e = bpf_ringbuf_reserve(&events, 8, 0);
	if (!e)
		return 0;
	e[0] = skb->len;
	e[2] = skb->mark;
	bpf_ringbuf_submit(e, 0);
	return 0;
}
