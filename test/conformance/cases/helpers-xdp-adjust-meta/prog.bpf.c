// XDP metadata: bpf_xdp_adjust_meta makes room before data, written and read back after a check
// against data; lengths not a multiple of 4 (-EACCES) or past data (-EINVAL) are refused, and
// bpf_xdp_adjust_head carries the metadata along.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	long odd = bpf_xdp_adjust_meta(ctx, -6);
	long past = bpf_xdp_adjust_meta(ctx, 4);
	long too_long = bpf_xdp_adjust_meta(ctx, -256);
	long ok = bpf_xdp_adjust_meta(ctx, -8);
	bpf_printk("odd %ld past %ld long %ld ok %ld", odd, past, too_long, ok);
	void *data = (void *)(long)ctx->data;
	__u32 *meta = (void *)(long)ctx->data_meta;
	if ((void *)(meta + 2) > data)
		return XDP_ABORTED;
	meta[0] = 0x2a;
	meta[1] = 0x11223344;
	long head = bpf_xdp_adjust_head(ctx, 4);
	data = (void *)(long)ctx->data;
	meta = (void *)(long)ctx->data_meta;
	if ((void *)(meta + 2) > data)
		return XDP_DROP;
	bpf_printk("head %ld meta %x %x len %ld", head, meta[0], meta[1], (long)(data - (void *)meta));
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
