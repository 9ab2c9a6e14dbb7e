// The moved pointer is checked against data_end itself, so the kernel lets it be read.
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
	__u8 *q = p + (p[0] & 0x3f);
	if (q + 1 > end)
		return 1;
	return *q & 1;
}
