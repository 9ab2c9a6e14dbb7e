#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 *queue = bpf_ringbuf_reserve(&events, sizeof(*queue), 0);
	*queue = ctx->rx_queue_index;
	bpf_ringbuf_submit(queue, 0);
	return XDP_PASS;
}
