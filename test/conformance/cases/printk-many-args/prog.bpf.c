#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	bpf_printk("four %d %d %d %d", 1, 2, 3, 4);
	bpf_printk("twelve %d %d %d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
	bpf_printk("string %s", "inline");
	return 1;
}
