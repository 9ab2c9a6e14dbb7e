// Masked to 255, the same loop is walked at most 255 times, and the kernel loads it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 n = 0;
	for (__u32 i = 0; i < (skb->len & 0xff); i++) {
		__u8 b = 0;
		bpf_skb_load_bytes(skb, i, &b, 1);
		n += b;
	}
	return n & 1;
}
