// A global counter with a helper call in the loop: clang keeps the loop, the
// kernel reads the global as an unknown value each turn, and the head repeats.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
__u32 counter;
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	while (counter < 10) {
		counter++;
		bpf_printk("x");
	}
	return 1;
}
