// A strparser pair in the shape of the kernel's sockmap samples: the parser says a whole
// message is the skb's length, the verdict reads its first byte directly.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("sk_skb/stream_parser")
int parser(struct __sk_buff *skb)
{
	return skb->len;
}

SEC("sk_skb/stream_verdict")
int verdict(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	__u8 *first = data;

	if ((void *)(first + 1) > data_end)
		return SK_PASS;
	return *first == 'X' ? SK_DROP : SK_PASS;
}

char _license[] SEC("license") = "GPL";
