#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} cpus SEC(".maps");

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 key = ctx->rx_queue_index & 3;
	__u32 *qsize = bpf_map_lookup_elem(&cpus, &key);
	if (qsize && *qsize > 128)
		return bpf_redirect_map(&cpus, key, XDP_PASS);
	return XDP_PASS;
}
