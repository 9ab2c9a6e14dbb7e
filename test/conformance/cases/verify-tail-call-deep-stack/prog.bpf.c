#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__array(values, int(struct __sk_buff *));
} jumps SEC(".maps");

static __noinline int jump(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	return 0;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile char buf[300];
	__builtin_memset((void *)buf, 0, sizeof(buf));
	buf[skb->len & 255] = 1;
	return (jump(skb) + buf[7]) & 1;
}
