// The context is read after the packet access, so clang keeps it in R1 and the packet pointer in R2.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("tc")
int entry(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	if (data + 14 > end)
		return 0;
	__u8 proto = ((__u8 *)data)[23];
	skb->mark = proto;
	return skb->len > 100;
}
