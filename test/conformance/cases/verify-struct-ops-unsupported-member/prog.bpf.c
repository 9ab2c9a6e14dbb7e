// The kernel refuses a BPF implementation of tcp_congestion_ops.get_info.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/ssthresh")
__u32 BPF_PROG(ssthresh, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/info")
__u64 BPF_PROG(info, struct sock *sk, __u32 ext, int *attr, union tcp_cc_info *cc)
{
	return 0;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca = {
	.ssthresh = (void *)ssthresh,
	.get_info = (void *)info,
	.name = "ts_info",
};
