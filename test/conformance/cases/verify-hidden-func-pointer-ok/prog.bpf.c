// A global function of hidden visibility (__hidden, as usdt.bpf.h's are) is one libbpf marks
// static in the BTF it loads, so the kernel verifies it with what its caller passes: reading
// through its pointer argument without a NULL check loads, unlike a plain global function's.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline __hidden int first_bit(int *p)
{
	return *p & 1;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int len = skb->len;
	return first_bit(&len) ? 1 : 0;
}
