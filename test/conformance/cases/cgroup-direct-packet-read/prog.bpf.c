#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;
	if ((void *)(ip + 1) > data_end)
		return 0;
	struct udphdr *udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > data_end)
		return 0;
	bpf_printk("version=%u ihl=%u dport=%u", ip->version, ip->ihl, bpf_ntohs(udp->dest));
	return 1;
}
