// The first byte gives an offset; only that byte was checked, not the byte at the offset.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u8 *p = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;

	if (p + 1 > end)
		return 1;
	__u8 off = p[0] & 0x3f;
	return p[off] & 1;
}
