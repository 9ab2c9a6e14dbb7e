#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int tail(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} jumps SEC(".maps") = { .values = { [0] = (void *)&tail } };

static __noinline int score(struct __sk_buff *skb, int weight)
{
	int s = skb->len * weight;
	bpf_printk("score %d", s);
	return s;
}

static __noinline int jump(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	return -(int)skb->len;
}

SEC("cgroup_skb/egress")
int tail(struct __sk_buff *skb)
{
	bpf_printk("tail got score cb %u", skb->cb[0]);
	return 1;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	skb->cb[0] = score(skb, 3);
	int r = jump(skb);
	bpf_printk("jump returned %d", r);
	return 0;
}
