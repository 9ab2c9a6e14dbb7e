#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

volatile __s64 neg = -7;
volatile __u64 huge = 0xfffffffffffffff9ULL;
volatile __s32 i32 = -2147483647 - 1;
volatile __u32 u32v = 3000000000u;
volatile __s8 c8 = -100;
volatile __u16 w16 = 65000;

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__s64 n = neg;
	__u64 h = huge;
	bpf_printk("%lld %lld %llu", n / 2, n % 3, h / 3);
	bpf_printk("%lld %llu %d", (__s64)u32v * 3, (__u64)(__s32)u32v, u32v > (__u32)n);
	bpf_printk("%d %d %d", (int)c8 * 2, (__u8)c8, (__s16)w16);
	bpf_printk("%d %u %d", (__s8)(c8 - 100), (__u16)(w16 + 1000), -i32 == i32);
	bpf_printk("%lld %llx", (__s64)h >> 1, h >> 60);
	bpf_printk("%d %d", n < 0u, (int)(n < (__s64)u32v));
	return 1;
}
