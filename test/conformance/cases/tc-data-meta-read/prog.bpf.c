// The XDP-to-tc metadata idiom, tc side: metadata sits between data_meta and data, checked
// against data before it is read. A test run's skb carries none, so the check fails.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int entry(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	__u32 *meta = (void *)(long)skb->data_meta;
	bpf_printk("metadata bytes %ld", (long)(data - (void *)meta));
	if ((void *)(meta + 1) > data)
		return 1;
	return *meta == 42 ? 2 : 3;
}

char LICENSE[] SEC("license") = "GPL";
