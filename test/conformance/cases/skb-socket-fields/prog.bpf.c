#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	if (!sk)
		return 1;
	bpf_printk("fam=%u bound=%u", sk->family, sk->bound_dev_if);
	bpf_printk("src=%x dst=%x", sk->src_ip4, sk->dst_ip4);
	bpf_printk("sport=%u dport=%x state=%u", sk->src_port, sk->dst_port, sk->state);
	bpf_printk("q=%d six=%x %x", sk->rx_queue_mapping, sk->src_ip6[0], sk->dst_ip6[3]);
	return 1;
}
