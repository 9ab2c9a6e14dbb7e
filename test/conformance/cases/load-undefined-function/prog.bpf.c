#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* bpf_htonl is a macro of <bpf/bpf_endian.h>, not included here: clang 14 only warns about the
 * implicit declaration, and the object keeps a call to an extern function libbpf cannot find. */
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	return bpf_htonl(skb->len) & 1;
}
