// The header length read from the packet, checked as `data + off + 2 > end`, then used as an
// index: clang computes data + off once for both, so the check covers data[off].
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 1 > end)
		return XDP_ABORTED;
	__u32 off = data[0] & 0x1f;
	if (data + off + 2 > end)
		return XDP_DROP;
	bpf_printk("off %u byte %x", off, data[off]);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
