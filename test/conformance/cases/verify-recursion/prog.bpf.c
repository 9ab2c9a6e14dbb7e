#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* The values end the recursion after four calls at most, and the verifier, following them,
 * accepts every path; its walk of the calls (check_max_stack_depth) follows calls, not values. */
static __noinline int down(int n)
{
	if (n <= 0)
		return 0;
	bpf_printk("n=%d", n);
	return down(n - 1) * 3 + 1;
}

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	return down(skb->len & 3) > 100 ? 0 : 1;
}
