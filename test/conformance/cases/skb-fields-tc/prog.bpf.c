#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_printk("len=%u proto=%x data=%u", skb->len, skb->protocol, (__u32)(skb->data_end - skb->data));
	bpf_printk("ifindex=%u ingress=%u queue=%u", skb->ifindex, skb->ingress_ifindex, skb->queue_mapping);
	skb->mark = 7;
	skb->priority = 3;
	return skb->mark + skb->priority;
}
