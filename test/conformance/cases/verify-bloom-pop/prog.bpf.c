#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 64);
	__type(value, __u32);
} seen SEC(".maps");

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 value = ctx->rx_queue_index;
	bpf_map_push_elem(&seen, &value, BPF_ANY);
	if (bpf_map_pop_elem(&seen, &value) == 0)
		return XDP_DROP;
	return XDP_PASS;
}
