// LD_ABS in tc, where skb->data is the Ethernet header, and in a subprogram: a load past the
// packet ends only the function it is in, which returns 0 to its caller. A load whose value is
// thrown away is no load at all: the intrinsic only reads, so clang deletes it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

char LICENSE[] SEC("license") = "GPL";

static __attribute__((noinline)) __u32 half_at(struct __sk_buff *skb, __u32 off)
{
	__u32 value = load_half(skb, off);
	bpf_printk("half at %u: %x", off, value);
	return value + 1;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 ethertype = half_at(skb, 12);
	__u32 dport = half_at(skb, 14 + 20 + 2);
	__u32 beyond = half_at(skb, skb->len - 1);
	bpf_printk("ethertype=%x dport=%u beyond=%u", ethertype, dport, beyond);
	__u32 daddr = load_word(skb, 14 + 16);
	bpf_printk("daddr=%x", daddr);
	load_word(skb, skb->len);
	bpf_printk("still here");
	if (load_word(skb, skb->len + 2) == 1)
		return 1;
	bpf_printk("not reached");
	return 7;
}
