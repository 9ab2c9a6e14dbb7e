// Each turn reads a byte with a helper, so clang cannot fold the loop away; nothing but
// skb->len bounds it, and the verifier walks it until its budget runs out.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 sum = 0;
	for (__u32 i = 0; i < skb->len; i++) {
		__u8 byte = 0;
		bpf_skb_load_bytes(skb, i, &byte, 1);
		sum += byte;
	}
	return sum & 1;
}
