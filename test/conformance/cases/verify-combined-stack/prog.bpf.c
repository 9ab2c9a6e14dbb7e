#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

static __noinline int fill(struct __sk_buff *skb)
{
	volatile char buf[300];
	__builtin_memset((void *)buf, 0, sizeof(buf));
	buf[skb->len & 255] = 1;
	return buf[3];
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile char buf[300];
	__builtin_memset((void *)buf, 0, sizeof(buf));
	buf[skb->len & 255] = 2;
	return (fill(skb) + buf[7]) & 1;
}
