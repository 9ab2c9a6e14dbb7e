// XDP programs that a devmap and a cpumap run after a redirect, in the shape of the kernel
// selftests' test_xdp_with_devmap_helpers.c: a devmap program may read the egress device.
// BPF_PROG_TEST_RUN refuses them, so they are checked, not run.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp/devmap")
int xdp_dummy_dm(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;

	if (ctx->ingress_ifindex == ctx->egress_ifindex)
		return XDP_DROP;
	if (data + 14 > data_end)
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp/cpumap")
int xdp_dummy_cm(struct xdp_md *ctx)
{
	if (ctx->ingress_ifindex == 42)
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
