// A counter in memory that the loop keeps adding to, with no exit: volatile keeps it on the stack.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile int i = 0;
	while (1)
		i++;
	return 1;
}
