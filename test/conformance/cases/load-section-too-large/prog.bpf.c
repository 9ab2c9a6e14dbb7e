// A .bss section of 2 GiB: libbpf makes it one array map value, which the kernel refuses over
// INT_MAX bytes (-E2BIG). One byte less (a 2 GiB - 1 array) loads.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

char huge[1UL << 31];

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	huge[5] = 1;
	return 1;
}
