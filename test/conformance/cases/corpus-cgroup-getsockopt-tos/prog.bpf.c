// In the shape of the kernel selftests' sockopt_sk.c: a cgroup/getsockopt program answers
// getsockopt(SOL_IP, IP_TOS) itself, writing the option into the caller's buffer, whose bounds
// it checks first (optval and optval_end are packet-like pointers).
#include <linux/bpf.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>

#define SOL_IP 0
#define IP_TOS 1

SEC("cgroup/getsockopt")
int _getsockopt(struct bpf_sockopt *ctx)
{
	__u8 *optval_end = ctx->optval_end;
	__u8 *optval = ctx->optval;

	if (ctx->level != SOL_IP || ctx->optname != IP_TOS)
		return 1;
	if (optval + 1 > optval_end)
		return 0;
	ctx->retval = 0;
	optval[0] = 0x80;
	ctx->optlen = 1;
	return 1;
}

char _license[] SEC("license") = "GPL";
