#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	bpf_printk("len=%u proto=%x pkt_type=%u", skb->len, skb->protocol, skb->pkt_type);
	bpf_printk("mark=%u prio=%u ifindex=%u", skb->mark, skb->priority, skb->ifindex);
	bpf_printk("data_len=%u family=%u", (__u32)(skb->data_end - skb->data), skb->family);
	bpf_printk("vlan=%u hash=%u tc_index=%u", skb->vlan_present, skb->hash, skb->tc_index);
	return 1;
}
