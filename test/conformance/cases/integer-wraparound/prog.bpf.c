#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u8 small;
__u16 medium;
__s8 signed_small;
__u32 word;

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	small += 100;
	medium += 30000;
	signed_small += 100;
	word -= 1;
	__u8 a = 250, b = 10;
	__u8 sum = a + b;
	int promoted = a + b;
	__s32 big = 0x7fffffff;
	__u32 shifted = (__u32)1 << 31;
	__s64 neg = -5;
	bpf_printk("small=%u medium=%u signed=%d", small, medium, signed_small);
	bpf_printk("sum=%u promoted=%d word=%u", sum, promoted, word);
	bpf_printk("shift=%u neg>>1=%lld uneg>>60=%llu", shifted, neg >> 1, (__u64)neg >> 60);
	bpf_printk("cast=%d trunc=%u", (int)(__u8)(big + 0), (__u16)0x12345);
	return 1;
}
