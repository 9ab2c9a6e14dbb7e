#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile __u32 never_written;
	__u32 seen = never_written;
	(void)seen;
	return 1;
}
