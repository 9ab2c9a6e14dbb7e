#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* The context read as an array of words at a computed index: the offset the verifier sees is
 * (skb->len & 1) * 4, which it prints as the bits it knows, var_off=(0x0; 0x4). */
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 *words = (__u32 *)skb;
	return words[skb->len & 1] & 1;
}
