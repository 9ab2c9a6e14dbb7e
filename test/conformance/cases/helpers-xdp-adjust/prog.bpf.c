// bpf_xdp_adjust_head and bpf_xdp_adjust_tail as encapsulating XDP programs use them: push a
// header into the headroom and write it, pop it again (the old bytes are still there), grow
// and shrink the tail (grown bytes are zero), and the limits of the test run's buffer.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct outer {
	__u32 tag;
	__u32 id;
};

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	__u32 before = ctx->data_end - ctx->data;
	long pushed = bpf_xdp_adjust_head(ctx, -(int)sizeof(struct outer));
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct outer *o = data;
	if ((void *)(o + 1) + 14 > end)
		return XDP_ABORTED;
	o->tag = 0xfeedf00d;
	o->id = before;
	__u8 *eth = (void *)(o + 1);
	bpf_printk("pushed %ld len %u first %x", pushed, (__u32)(end - data), eth[12]);

	long popped = bpf_xdp_adjust_head(ctx, sizeof(struct outer));
	long again = bpf_xdp_adjust_head(ctx, -(int)sizeof(struct outer));
	data = (void *)(long)ctx->data;
	end = (void *)(long)ctx->data_end;
	if (data + 8 > end)
		return XDP_ABORTED;
	bpf_printk("popped %ld again %ld tag %x", popped, again, *(__u32 *)data);

	long most = bpf_xdp_adjust_head(ctx, -208);
	long past = bpf_xdp_adjust_head(ctx, -1);
	long shrink_all = bpf_xdp_adjust_head(ctx, ctx->data_end - ctx->data - 13);
	bpf_printk("most %ld past %ld shrink %ld", most, past, shrink_all);
	bpf_xdp_adjust_head(ctx, 216);

	long grown = bpf_xdp_adjust_tail(ctx, 16);
	data = (void *)(long)ctx->data;
	end = (void *)(long)ctx->data_end;
	/* The test frame is 80 bytes: the grown 16 are at 80..95. */
	if (data + 96 > end)
		return XDP_ABORTED;
	bpf_printk("grown %ld len %u tail %x", grown, (__u32)(end - data), *(__u32 *)(data + 92));
	long huge = bpf_xdp_adjust_tail(ctx, 4000);
	long tiny = bpf_xdp_adjust_tail(ctx, -(int)(ctx->data_end - ctx->data) + 13);
	long cut = bpf_xdp_adjust_tail(ctx, -20);
	bpf_printk("huge %ld tiny %ld cut %ld", huge, tiny, cut);
	return ctx->data_end - ctx->data;
}
