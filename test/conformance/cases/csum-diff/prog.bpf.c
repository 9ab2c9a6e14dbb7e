// bpf_csum_diff's 32-bit result for a few sizes and seeds, and its -EINVAL cases.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__be32 a[5] = { 0x0100a8c0, 0xffffffff, 0x12345678, 0x80000001, 0xdeadbeef };
	__be32 b[5] = { 0x0200a8c0, 0x00000000, 0x87654321, 0x7fffffff, 0x0badf00d };

	bpf_printk("%llx %llx %llx", bpf_csum_diff(a, 4, b, 4, 0), bpf_csum_diff(0, 0, b, 20, 0),
		   bpf_csum_diff(a, 20, 0, 0, 0));
	bpf_printk("%llx %llx %llx", bpf_csum_diff(a, 8, b, 8, 0xffff), bpf_csum_diff(a, 12, b, 4, 0x12345678),
		   bpf_csum_diff(b, 4, a, 4, 0xffffffff));
	bpf_printk("%llx %llx", bpf_csum_diff(a, 2, b, 4, 0), bpf_csum_diff(0, 0, 0, 0, 7));
	return 0;
}
