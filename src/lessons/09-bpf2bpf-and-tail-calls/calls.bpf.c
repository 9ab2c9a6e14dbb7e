#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int finish(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} next SEC(".maps") = { .values = { [0] = (void *)&finish } };

// A real function call (bpf2bpf): __noinline keeps it a subprogram with its own frame.
static __noinline __u32 weigh(struct __sk_buff *skb, __u32 factor)
{
	__u32 weight = skb->len * factor;
	bpf_printk("weigh: len %u x %u = %u", skb->len, factor, weight);
	return weight;
}

// A tail call from inside a subprogram replaces only this function's frame: the target runs in
// its place, and its return value comes back to the caller as this function's result.
static __noinline int hand_over(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &next, 0);
	bpf_printk("hand_over: the slot was empty");
	// Not a constant: clang does not know a tail call can take over, and would pass a constant
	// straight to the caller, whatever the target returned.
	return -(int)skb->len;
}

SEC("cgroup_skb/egress")
int finish(struct __sk_buff *skb)
{
	// cb[] survives the tail call: it belongs to the packet, not to a program.
	bpf_printk("finish: weight carried in cb[0] = %u", skb->cb[0]);
	return 1;
}

SEC("cgroup_skb/egress")
int start(struct __sk_buff *skb)
{
	skb->cb[0] = weigh(skb, 3);
	int r = hand_over(skb);
	bpf_printk("start: hand_over returned %d", r);
	return 1;
}
