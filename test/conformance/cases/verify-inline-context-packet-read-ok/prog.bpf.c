// A helper function that takes the skb and reads the packet through skb->data: the skb is the
// program's context there too, inlined or not.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

static __always_inline __u32 ethertype_of(struct __sk_buff *skb)
{
	__u8 *data = (void *)(long)skb->data;
	__u8 *end = (void *)(long)skb->data_end;
	if (data + 14 > end)
		return 0;
	return (data[12] << 8) | data[13];
}

static __attribute__((noinline)) int is_ipv4(struct __sk_buff *skb)
{
	__u8 *data = (void *)(long)skb->data;
	__u8 *end = (void *)(long)skb->data_end;
	if (data + 15 > end)
		return 0;
	return data[14] >> 4 == 4;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_printk("ethertype %x ipv4 %d", ethertype_of(skb), is_ipv4(skb));
	return 0;
}
