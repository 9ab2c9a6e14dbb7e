// The usual fix: reload data and data_end and check again.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int entry(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	char mark = 7;

	if (data + 14 > end)
		return 0;
	bpf_skb_store_bytes(skb, 0, &mark, 1, 0);
	data = (void *)(long)skb->data;
	end = (void *)(long)skb->data_end;
	if (data + 14 > end)
		return 0;
	return ((char *)data)[0];
}
