// The socket helpers real tc programs call: the socket cookie (a counter's value the kernel
// does not promise, so only its properties are compared), the recomputed flow hash (seeded at
// boot: the same again, never 0, kept in skb->hash) and bpf_sk_fullsock on the test run's
// dummy socket.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u64 cookie = bpf_get_socket_cookie(skb);
	__u64 again = bpf_get_socket_cookie(skb);
	bpf_printk("cookie set %d stable %d", cookie != 0, cookie == again);

	__u32 before = skb->hash;
	__u32 hash = bpf_get_hash_recalc(skb);
	bpf_printk("hash before %u set %d kept %d", before, hash != 0, hash == skb->hash);
	bpf_printk("same again %d", hash == bpf_get_hash_recalc(skb));

	struct bpf_sock *sk = skb->sk;
	if (!sk)
		return 0;
	struct bpf_sock *full = bpf_sk_fullsock(sk);
	if (!full)
		return 0;
	bpf_printk("full type %u protocol %u state %u", full->type, full->protocol, full->state);
	bpf_printk("mark %u priority %u family %u", full->mark, full->priority, full->family);
	return 0;
}
