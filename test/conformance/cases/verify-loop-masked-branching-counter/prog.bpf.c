// 255 turns at most, but each turn's branch may count a byte: the paths multiply with the count.
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
		if (b == 0x45)
			n++;
	}
	return n & 1;
}
