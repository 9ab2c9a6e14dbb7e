#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int entry(struct __sk_buff *skb)
{
	__u32 scratch[4] = {};
	/* The loads read the skb they are given in R6; a stack buffer is not one. */
	return load_byte(scratch, 0);
}
