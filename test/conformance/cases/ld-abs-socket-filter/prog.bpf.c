// The classic socket-filter loads of the kernel's samples/bpf: load_byte/half/word are LLVM's
// LD_ABS and LD_IND instructions, reading the packet from skb->data in network byte order; one
// that reaches past the packet ends the program, which returns 0.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

__u32 packets;

SEC("socket")
int entry(struct __sk_buff *skb)
{
	__u32 n = ++packets;
	/* In a test run skb->data is the IP header. */
	__u32 vihl = load_byte(skb, 0);
	__u32 proto = load_byte(skb, offsetof(struct iphdr, protocol));
	__u32 total = load_half(skb, offsetof(struct iphdr, tot_len));
	__u32 saddr = load_word(skb, offsetof(struct iphdr, saddr));
	__u32 ihl = (vihl & 0xf) * 4;
	__u32 dport = load_half(skb, ihl + 2);
	bpf_printk("v=%x proto=%u len=%u", vihl, proto, total);
	bpf_printk("saddr=%x dport=%u", saddr, dport);
	__u32 key = proto & 3;
	__u64 *count = bpf_map_lookup_elem(&seen, &key);
	if (count)
		*count += total;
	/* Past the end on odd packets: the program stops here and returns 0. */
	__u32 far = n & 1 ? 4000 : 8;
	__u32 tail = load_word(skb, far);
	bpf_printk("after %x", tail);
	return skb->len;
}
