// A struct_ops congestion control may write only a few tcp_sock members; srtt_us is not one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/cong_avoid")
void BPF_PROG(cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = (struct tcp_sock *)sk;

	tp->srtt_us = acked << 3;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca = {
	.cong_avoid = (void *)cong_avoid,
	.name = "ts_read_only",
};
