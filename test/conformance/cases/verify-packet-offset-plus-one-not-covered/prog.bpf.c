// The header length read from the packet, checked as `data + off + 2 > end`: clang reuses that
// data + off for data[off], but computes data + off again for data[off + 1], a new pointer the
// check does not cover, and the kernel refuses that read.
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
	bpf_printk("off %u bytes %x %x", off, data[off], data[off + 1]);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
