#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	if (data + 4 > end)
		return XDP_PASS;
	/* The last four bytes, reached from data_end: the kernel reads only through data. */
	__u32 *last = end - 4;
	return *last == 0 ? XDP_DROP : XDP_PASS;
}
