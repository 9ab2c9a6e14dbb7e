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
	__u32 *len = bpf_ringbuf_reserve(&events, sizeof(*len), 0);
	if (!len)
		return 0;
	*len = skb->len;
	/* Short packets leave the record held: the kernel refuses the program. */
	if (skb->len < 64)
		return 1;
	bpf_ringbuf_submit(len, 0);
	return 0;
}
