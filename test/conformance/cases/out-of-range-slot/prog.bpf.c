#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int target(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} jumps SEC(".maps") = { .values = { [0] = (void *)&target, [1] = (void *)&target } };

SEC("cgroup_skb/egress")
int target(struct __sk_buff *skb)
{
	bpf_printk("target ran");
	return 1;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 index = skb->len;	/* far beyond max_entries */
	bpf_tail_call(skb, &jumps, index);
	bpf_printk("index %u is out of range", index);
	bpf_tail_call(skb, &jumps, 1);
	return 0;
}
