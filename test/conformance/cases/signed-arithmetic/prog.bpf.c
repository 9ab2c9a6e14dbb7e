#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__s64 results[6];

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int len = skb->len;
	int neg = -len;
	results[0] = neg >> 2;
	results[1] = (unsigned int)neg >> 2;
	results[2] = neg < 3;
	results[3] = (unsigned int)neg < 3u;
	results[4] = (long)neg * 1000000000L;
	results[5] = (char)len;
	bpf_printk("%lld %lld %lld", results[0], results[1], results[4]);
	return 1;
}
