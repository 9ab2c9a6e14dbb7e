// snd_cwnd_stamp is writable, but only its own 4 bytes: an 8-byte store runs into the next member.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/cong_avoid")
void BPF_PROG(cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = (struct tcp_sock *)sk;

	*(__u64 *)&tp->snd_cwnd_stamp = ack;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca = {
	.cong_avoid = (void *)cong_avoid,
	.name = "ts_beyond",
};
