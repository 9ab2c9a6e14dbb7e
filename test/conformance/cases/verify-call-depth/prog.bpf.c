#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* entry → f1 → … → f8: nine frames. */
static __noinline int f8(int x) { return x * 3 + 1; }
static __noinline int f7(int x) { bpf_printk("%d", x); return f8(x + 7) * 5 + 2; }
static __noinline int f6(int x) { bpf_printk("%d", x); return f7(x + 6) * 5 + 2; }
static __noinline int f5(int x) { bpf_printk("%d", x); return f6(x + 5) * 5 + 2; }
static __noinline int f4(int x) { bpf_printk("%d", x); return f5(x + 4) * 5 + 2; }
static __noinline int f3(int x) { bpf_printk("%d", x); return f4(x + 3) * 5 + 2; }
static __noinline int f2(int x) { bpf_printk("%d", x); return f3(x + 2) * 5 + 2; }
static __noinline int f1(int x) { bpf_printk("%d", x); return f2(x + 1) * 5 + 2; }

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	return f1(skb->len) & 1;
}
