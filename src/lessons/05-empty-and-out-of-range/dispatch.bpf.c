#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

int handle_a(struct __sk_buff *skb);
int handle_c(struct __sk_buff *skb);

// Three slots; slot 1 starts empty, and index 3 is past the end.
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 3);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} handlers SEC(".maps") = { .values = { [0] = (void *)&handle_a, [2] = (void *)&handle_c } };

// Which slot the next packet tries: 0, 1, 2, 3, 0, 1, …
__u32 next_slot;

SEC("cgroup_skb/egress")
int handle_a(struct __sk_buff *skb)
{
	bpf_printk("handle_a ran");
	return 1;
}

SEC("cgroup_skb/egress")
int handle_b(struct __sk_buff *skb)
{
	bpf_printk("handle_b ran");
	return 1;
}

SEC("cgroup_skb/egress")
int handle_c(struct __sk_buff *skb)
{
	bpf_printk("handle_c ran");
	return 1;
}

SEC("cgroup_skb/egress")
int dispatch(struct __sk_buff *skb)
{
	__u32 slot = next_slot % 4;
	next_slot += 1;
	bpf_tail_call(skb, &handlers, slot);
	// A tail call that fails falls through to the next statement.
	bpf_printk("slot %u: nothing to jump to, falling through", slot);
	return 1;
}
