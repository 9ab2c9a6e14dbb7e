#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	long a = bpf_printk("s=[%s|%5s]", (char *)0, (char *)16);
	long b = bpf_printk("I4=%pI4 i4=%pi4", (void *)0, (void *)8);
	long c = bpf_printk("I6=%pI6", (void *)0);
	bpf_printk("%ld %ld %ld", a, b, c);
	return 1;
}
