#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int neg = -42;
	__u64 big = 0xfedcba9876543210ULL;
	bpf_printk("d=%d u=%u x=%x", neg, neg, neg);
	bpf_printk("i=%i ld=%ld lu=%lu", neg, (long)neg, (unsigned long)neg);
	bpf_printk("lld=%lld llu=%llu llx=%llx", (long long)big, big, big);
	bpf_printk("pad=[%5d] left=[%-5d] zero=[%05d]", 42, 42, 42);
	bpf_printk("hex=[%08x] X=%X lx=%lx", 0xbeef, 0xbeef, 0xdeadbeefUL);
	bpf_printk("percent %% c=%c", 'A');
	bpf_printk("no arguments at all");
	bpf_printk("u8 %u s8 %d", (__u8)200, (__s8)200);
	return 1;
}
