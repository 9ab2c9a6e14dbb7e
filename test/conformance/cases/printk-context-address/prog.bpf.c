// The context pointer is the kernel's struct sk_buff, not struct __sk_buff: %pI4 reads there.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	bpf_printk("local %pI4 remote %pI4", &skb->local_ip4, &skb->remote_ip4);
	return 1;
}
