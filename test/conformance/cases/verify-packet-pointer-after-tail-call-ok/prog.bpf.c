// A tail call that fails returns, and the program in the slot could have moved the packet.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jumps SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;

	if (data + 14 > end)
		return 0;
	bpf_tail_call(skb, &jumps, 1);
	return ((char *)data)[0] & 1;
}
