#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 addr = bpf_htonl(0x0a000102);
	__u8 addr6[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34 };
	long a = bpf_printk("a=%pi6c|", addr6);
	long b = bpf_printk("b=%pI4c|", &addr);
	long c = bpf_printk("c=%pI6x|", addr6);
	long d = bpf_printk("d=%pI6cz|", addr6);
	long e = bpf_printk("e=%pI6:|", addr6);
	bpf_printk("%ld %ld %ld", a, b, c);
	bpf_printk("%ld %ld", d, e);
	return 1;
}
