// A sockops program may write its reply (and the socket's txhash) but not the op it was called
// for: the store to skops->op is refused as a context access.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("sockops")
int skops_write(struct bpf_sock_ops *skops)
{
	skops->reply = 0;
	skops->sk_txhash = 7;
	if (skops->op == BPF_SOCK_OPS_TCP_CONNECT_CB)
		skops->op = BPF_SOCK_OPS_VOID;
	return 1;
}

char _license[] SEC("license") = "GPL";
