// Frames from 13 bytes up, IPv4, IPv6 and ARP, through a xdp program: BPF_PROG_TEST_RUN
// refuses a frame shorter than the program type needs (EINVAL), before the program runs.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	bpf_printk("len %d", (int)(ctx->data_end - ctx->data));
	return 2;
}
