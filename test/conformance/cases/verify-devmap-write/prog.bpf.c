#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} ports SEC(".maps");

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 *ifindex = bpf_map_lookup_elem(&ports, &key);
	if (!ifindex)
		return XDP_PASS;
	*ifindex = ctx->ingress_ifindex;
	return bpf_redirect_map(&ports, key, 0);
}
