// A printk keeps every turn; skb->len alone bounds the count, and the walk passes a million instructions.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	for (__u32 i = 0; i < skb->len; i++)
		bpf_printk("turn");
	return 1;
}
