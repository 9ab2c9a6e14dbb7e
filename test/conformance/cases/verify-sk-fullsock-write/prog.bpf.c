#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	if (!sk)
		return 1;
	struct bpf_sock *full = bpf_sk_fullsock(sk);
	if (!full)
		return 1;
	full->mark = 7;
	return 1;
}
