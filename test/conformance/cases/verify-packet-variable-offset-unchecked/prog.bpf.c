// data + 14 is checked, but a computed index makes a new pointer whose bytes no check covers.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("xdp")
int entry(struct xdp_md *ctx)
{
	void *end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	__u32 n = bpf_get_prandom_u32();
	if (data + 14 > end)
		return XDP_DROP;
	return ((__u8 *)data)[14 + (n & 1)] ? XDP_PASS : XDP_DROP;
}
