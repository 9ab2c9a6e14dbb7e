// TCP congestion control in BPF, in the shape of the selftests' bpf_dctcp.c and tcp_ca_*.c:
// a struct tcp_congestion_ops in SEC(".struct_ops") names the programs that implement its
// members, each written with BPF_PROG over the member's arguments. The kernel hands the
// `struct sock *` over as the tcp_sock it is; the programs keep their own state in the socket's
// icsk_ca_priv (inet_csk_ca) and write snd_cwnd and snd_ssthresh, the members a congestion
// control may write. Reno's slow start and additive increase are written out here instead of
// calling the kernel's tcp_slow_start kfuncs. Checked, not run.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

#define TCP_INFINITE_SSTHRESH 0x7fffffff

struct halving_ca {
	__u32 loss_count;
	__u32 acked_in_round;
};

static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

static inline void *inet_csk_ca(const struct sock *sk)
{
	return (void *)((struct inet_connection_sock *)sk)->icsk_ca_priv;
}

static inline int in_slow_start(const struct tcp_sock *tp)
{
	return tp->snd_cwnd < tp->snd_ssthresh;
}

SEC("struct_ops/halving_init")
void BPF_PROG(halving_init, struct sock *sk)
{
	struct halving_ca *ca = inet_csk_ca(sk);

	ca->loss_count = 0;
	ca->acked_in_round = 0;
	tcp_sk(sk)->snd_ssthresh = TCP_INFINITE_SSTHRESH;
}

SEC("struct_ops/halving_ssthresh")
__u32 BPF_PROG(halving_ssthresh, struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct halving_ca *ca = inet_csk_ca(sk);
	__u32 half = tp->snd_cwnd >> 1;

	ca->loss_count++;
	return half < 2 ? 2 : half;
}

SEC("struct_ops/halving_cong_avoid")
void BPF_PROG(halving_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct halving_ca *ca = inet_csk_ca(sk);

	if (in_slow_start(tp)) {
		__u32 cwnd = tp->snd_cwnd + acked;

		tp->snd_cwnd = cwnd < tp->snd_ssthresh ? cwnd : tp->snd_ssthresh;
		return;
	}
	ca->acked_in_round += acked;
	if (ca->acked_in_round >= tp->snd_cwnd) {
		ca->acked_in_round -= tp->snd_cwnd;
		if (tp->snd_cwnd < tp->snd_cwnd_clamp)
			tp->snd_cwnd++;
	}
}

SEC("struct_ops/halving_undo_cwnd")
__u32 BPF_PROG(halving_undo_cwnd, struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return tp->snd_cwnd > tp->prior_cwnd ? tp->snd_cwnd : tp->prior_cwnd;
}

SEC("struct_ops/halving_set_state")
void BPF_PROG(halving_set_state, struct sock *sk, __u8 new_state)
{
	struct halving_ca *ca = inet_csk_ca(sk);

	if (new_state == TCP_CA_Loss)
		ca->acked_in_round = 0;
}

SEC(".struct_ops")
struct tcp_congestion_ops halving = {
	.init = (void *)halving_init,
	.ssthresh = (void *)halving_ssthresh,
	.cong_avoid = (void *)halving_cong_avoid,
	.undo_cwnd = (void *)halving_undo_cwnd,
	.set_state = (void *)halving_set_state,
	.name = "bpf_halving",
};
