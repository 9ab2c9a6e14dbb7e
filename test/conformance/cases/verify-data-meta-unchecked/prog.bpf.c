// Reading the metadata without checking it against data first: the kernel refuses the read.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 *meta = (void *)(long)skb->data_meta;
	return *meta == 42;
}

char LICENSE[] SEC("license") = "GPL";
