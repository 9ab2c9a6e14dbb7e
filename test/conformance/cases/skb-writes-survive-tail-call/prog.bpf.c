#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int second(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} jumps SEC(".maps") = { .values = { [0] = (void *)&second } };

SEC("tc")
int second(struct __sk_buff *skb)
{
	bpf_printk("mark=%u prio=%u cb0=%u", skb->mark, skb->priority, skb->cb[0]);
	return skb->cb[4];
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	skb->mark = 0x1234;
	skb->priority = 9;
	skb->cb[0] = 77;
	skb->cb[4] = 2;
	bpf_tail_call(skb, &jumps, 0);
	return 0;
}
