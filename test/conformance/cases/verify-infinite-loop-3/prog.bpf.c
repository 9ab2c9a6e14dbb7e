// A loop whose only exit depends on a value that never changes inside it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 len = skb->len;
	while (len < 1000)
		bpf_printk("short");
	return 1;
}
