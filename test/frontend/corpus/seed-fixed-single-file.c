// The founding example, fixed, in one file: it must compile with no diagnostic.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
// expected-no-diagnostics

#define TAIL_CALL_EGRESS_2 0
#define TAIL_CALL_EGRESS_3 1

long egress2(struct __sk_buff *ctx);
long egress3(struct __sk_buff *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, long(struct __sk_buff *ctx));
} tail_programs SEC(".maps") = {
	.values = {
		[TAIL_CALL_EGRESS_2] = (void *)&egress2,
		[TAIL_CALL_EGRESS_3] = (void *)&egress3,
	},
};

struct tail_context {
	u8 value_from_1;
	u8 value_from_2;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tail_context);
} tail_context_map SEC(".maps");

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
long egress3(struct __sk_buff *ctx)
{
	__u32 zero = 0;
	struct tail_context *ctx2 = bpf_map_lookup_elem(&tail_context_map, &zero);
	if (!ctx2)
		return SK_PASS;
	bpf_printk("[egress3] first=%d second=%d", ctx2->value_from_1, ctx2->value_from_2);
	bpf_printk("four args %d %d %d %d", 1, 2, 3, 4);
	return SK_PASS;
}

SEC("cgroup_skb/egress")
long egress2(struct __sk_buff *ctx)
{
	__u32 zero = 0;
	struct tail_context *ctx2 = bpf_map_lookup_elem(&tail_context_map, &zero);
	if (!ctx2)
		return SK_PASS;
	ctx2->value_from_2 = 22;
	bpf_tail_call_static(ctx, &tail_programs, TAIL_CALL_EGRESS_3);
	return SK_PASS;
}

SEC("cgroup_skb/egress")
long egress1(struct __sk_buff *ctx)
{
	__u32 zero = 0;
	struct tail_context *ctx2 = bpf_map_lookup_elem(&tail_context_map, &zero);
	if (!ctx2)
		return SK_PASS;
	__builtin_memset(ctx2, 0, sizeof(struct tail_context));
	ctx2->value_from_1 = 11;
	bpf_printk("[egress1] Calling egress2");
	bpf_tail_call(ctx, &tail_programs, TAIL_CALL_EGRESS_2);
	return SK_PASS;
}
