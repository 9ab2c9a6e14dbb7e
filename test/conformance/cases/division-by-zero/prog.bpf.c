#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} divisor SEC(".maps");

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u64 *d = bpf_map_lookup_elem(&divisor, &zero);
	if (!d)
		return 0;
	__u64 n = skb->len;
	__u32 n32 = skb->len;
	__u32 d32 = (__u32)*d;
	bpf_printk("div=%llu mod=%llu", n / *d, n % *d);
	bpf_printk("div32=%u mod32=%u", n32 / d32, n32 % d32);
	*d += 7;
	return 1;
}
