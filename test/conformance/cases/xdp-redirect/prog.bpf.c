#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* In XDP, any flag makes bpf_redirect XDP_ABORTED; the test run reports XDP_REDIRECT as the
 * program returns it. */
SEC("xdp")
int entry(struct xdp_md *ctx)
{
	long plain = bpf_redirect(1, 0);
	long flagged = bpf_redirect(1, 1);

	bpf_printk("%ld %ld", plain, flagged);
	return plain;
}
