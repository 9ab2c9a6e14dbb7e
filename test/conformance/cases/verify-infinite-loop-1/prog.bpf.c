// A loop with no way out that only calls a helper: the kernel finds a state it has seen before
// at the loop's head and refuses the program.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	for (;;)
		bpf_printk("again");
	return 1;
}
