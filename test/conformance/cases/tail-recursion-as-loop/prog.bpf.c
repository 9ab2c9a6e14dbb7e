#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* Each self call is the whole value of its return, and no local lives in memory: clang turns
 * the recursion into a loop, so the object holds no call and the kernel loads it. */
static __noinline int sum_down(int n, int sum)
{
	if (n <= 0)
		return sum;
	bpf_printk("n=%d sum=%d", n, sum);
	return sum_down(n - 1, sum + n);
}

/* Deeper than JavaScript's stack would follow as calls: Tailscope runs the loop too. */
static __noinline long sum_quietly(int n, long sum)
{
	if (n <= 0)
		return sum;
	return sum_quietly(n - 1, sum + n * n);
}

/* An accumulating operator around the self call: a loop too. */
static __noinline int count(int n)
{
	if (n <= 0)
		return 0;
	return count(n - 1) + 2;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int total = sum_down(5, 0) + count(skb->len & 3);
	bpf_printk("total=%d", total);
	bpf_printk("squares=%ld", sum_quietly(3000, 0));
	return total & 1;
}
