// What clang's BPF backend refuses in functions it keeps: more than five arguments, structs by
// value. Each call and definition here stays a call, so each is refused.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct pair {
	__u32 a, b;
};

static __noinline int six(int a, int b, int c, int d, int e, int f)
{
	return a + b + c + d + e + f;
}

static __noinline int by_value(struct pair p)
{
	return p.a * p.b;
}

static __noinline struct pair make(int x)
{
	struct pair made = { x, x + 1 };
	return made;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	struct pair p = make(skb->len);
	return (six(skb->len, skb->protocol, skb->mark, skb->priority, p.a, p.b) + by_value(p)) & 1;
}
