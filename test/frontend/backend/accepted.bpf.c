// The same shapes clang accepts: constants every call passes and arguments never read are
// dropped before the backend sees them, and an inlined function has no limits.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct pair {
	__u32 a, b;
};

static __noinline int six(int a, int b, int c, int d, int e, int f)
{
	return a + b + c + d + f;
}

static __always_inline struct pair make(int x, int y, int z, int w, int v, int u)
{
	struct pair made = { x + y + z, w + v + u };
	return made;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	struct pair p = make(skb->len, 1, 2, 3, 4, skb->mark);
	return (six(1, 2, skb->len, p.a, skb->mark, p.b) + six(1, 2, 3, 4, 5, 6)) & 1;
}
