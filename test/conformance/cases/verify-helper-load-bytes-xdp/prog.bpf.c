#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 word = 0;
	bpf_skb_load_bytes(ctx, 0, &word, 4);
	return XDP_PASS;
}
