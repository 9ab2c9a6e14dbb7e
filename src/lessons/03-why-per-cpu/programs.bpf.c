#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

// The context each packet's chain passes from program to program.
struct tail_context {
	__u32 cpu;     // the CPU egress1 ran on
	__u32 mark;    // what egress2 adds: this packet's length
};

// A plain ARRAY: one value shared by every CPU. Change the type to
// BPF_MAP_TYPE_PERCPU_ARRAY and run again: every CPU gets its own copy.
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tail_context);
} tail_context_map SEC(".maps");

int egress2(struct __sk_buff *ctx);
int egress3(struct __sk_buff *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} tail_programs SEC(".maps") = { .values = { [0] = (void *)&egress2, [1] = (void *)&egress3 } };

SEC("cgroup_skb/egress")
int egress3(struct __sk_buff *ctx)
{
	__u32 zero = 0;
	struct tail_context *tc = bpf_map_lookup_elem(&tail_context_map, &zero);
	if (!tc)
		return 1;
	__u32 me = bpf_get_smp_processor_id();
	if (tc->cpu != me)
		bpf_printk("[egress3] CPU %u reads a context CPU %u wrote!", me, tc->cpu);
	else
		bpf_printk("[egress3] CPU %u reads its own context", me);
	return 1;
}

SEC("cgroup_skb/egress")
int egress2(struct __sk_buff *ctx)
{
	__u32 zero = 0;
	struct tail_context *tc = bpf_map_lookup_elem(&tail_context_map, &zero);
	if (!tc)
		return 1;
	tc->mark = ctx->len;
	bpf_tail_call(ctx, &tail_programs, 1);
	return 1;
}

SEC("cgroup_skb/egress")
int egress1(struct __sk_buff *ctx)
{
	__u32 zero = 0;
	struct tail_context *tc = bpf_map_lookup_elem(&tail_context_map, &zero);
	if (!tc)
		return 1;
	tc->cpu = bpf_get_smp_processor_id();
	bpf_tail_call(ctx, &tail_programs, 0);
	return 1;
}
