// The offset checked against data_end is replaced before the read: the check no longer covers
// it, and the kernel refuses the read.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 2 > end)
		return XDP_ABORTED;
	__u32 off = data[0] & 0x1f;
	if (data + off + 1 > end)
		return XDP_DROP;
	off = data[1] & 0x1f;
	return data[off];
}

char LICENSE[] SEC("license") = "GPL";
