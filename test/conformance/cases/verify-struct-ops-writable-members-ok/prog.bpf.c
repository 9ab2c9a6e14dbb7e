// The tcp_sock members a congestion control may write: the kernel loads all of these stores.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/cong_avoid")
void BPF_PROG(cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = (struct tcp_sock *)sk;
	struct inet_connection_sock *icsk = (struct inet_connection_sock *)sk;

	tp->snd_cwnd = 10;
	tp->snd_cwnd_cnt = acked;
	tp->snd_cwnd_stamp = ack;
	tp->snd_ssthresh = 20;
	tp->ecn_flags = 0;
	tp->app_limited = 0;
	sk->sk_pacing_rate = 1000000;
	sk->sk_pacing_status = SK_PACING_NEEDED;
	icsk->icsk_ca_priv[12] = ack;
	icsk->icsk_ack.pending = 0;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca = {
	.cong_avoid = (void *)cong_avoid,
	.name = "ts_writes",
};
