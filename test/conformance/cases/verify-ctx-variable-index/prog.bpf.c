#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* cb[] is writable, but only at an index fixed when the program loads: the verifier rewrites
 * each context access into the kernel's own struct sk_buff. */
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 slot = skb->len & 3;
	skb->cb[slot] = 7;
	return 1;
}
