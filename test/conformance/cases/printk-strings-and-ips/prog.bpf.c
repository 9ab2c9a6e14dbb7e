#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

const char greeting[] = "hello";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	char name[8] = "tail";
	__u32 addr = bpf_htonl(0x0a000102);
	__u8 addr6[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34 };

	bpf_printk("s=%s g=%s", name, greeting);
	bpf_printk("pad=[%6s] left=[%-6s]", name, name);
	bpf_printk("I4=%pI4 i4=%pi4", &addr, &addr);
	bpf_printk("I6=%pI6", addr6);
	bpf_printk("i6=%pi6", addr6);
	bpf_printk("I6c=%pI6c", addr6);
	return 1;
}
