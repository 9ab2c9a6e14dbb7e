#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int count_hops(struct __sk_buff *skb);

// One slot, holding the program itself: every tail call jumps back to the start.
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} self SEC(".maps") = { .values = { [0] = (void *)&count_hops } };

// How many times the program has run for the packet in flight, per CPU.
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} runs SEC(".maps");

SEC("cgroup_skb/egress")
int count_hops(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u32 *count = bpf_map_lookup_elem(&runs, &zero);
	if (!count)
		return 1;
	*count += 1;
	bpf_tail_call(skb, &self, 0);
	// Only reached when the tail call fails: here, because the budget of 33 is spent.
	bpf_printk("tail call refused after %u runs", *count);
	*count = 0;
	return 1;
}
