// struct_ops programs must be GPL-compatible, whatever helpers they call.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "Proprietary";

SEC("struct_ops/ssthresh")
__u32 BPF_PROG(ssthresh, struct sock *sk)
{
	return 2;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca = {
	.ssthresh = (void *)ssthresh,
	.name = "ts_license",
};
