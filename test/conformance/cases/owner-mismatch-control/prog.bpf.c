#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int same(struct __sk_buff *skb);
int other(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} jumps SEC(".maps");

SEC("cgroup_skb/egress")
int same(struct __sk_buff *skb)
{
	bpf_printk("same kind ran");
	return 1;
}

SEC("tc")
int other(struct __sk_buff *skb)
{
	return 0;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	bpf_tail_call(skb, &jumps, 1);
	bpf_printk("fell through");
	return 0;
}
