// A loop that only stores to a global: clang keeps the value in a register and stores
// the final value once, so the kernel never sees a loop.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
__u32 counter;
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	while (counter < 10)
		counter++;
	return 1;
}
