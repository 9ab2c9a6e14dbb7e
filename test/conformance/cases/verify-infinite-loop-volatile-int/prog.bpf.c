// A volatile int counter sits at fp-4, not 8-byte aligned: the kernel does not track a
// value stored there (STACK_MISC), so the counter is lost and the loop's head repeats.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile int i = 0;
	while (i < 10)
		i++;
	return 1;
}
