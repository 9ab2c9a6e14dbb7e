// SEC("xdp.frags"): an XDP program that accepts multi-buffer packets; a test run's frame is one
// buffer, and runs as in a plain XDP program.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("xdp.frags")
int frags(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;

	bpf_printk("%ld bytes", (long)(end - data));
	return XDP_PASS;
}
