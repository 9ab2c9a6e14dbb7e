#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int entry(struct __sk_buff *skb)
{
	bpf_printk("socket len=%u proto=%x", skb->len, skb->protocol);
	return skb->len > 70 ? 0 : skb->len;
}
