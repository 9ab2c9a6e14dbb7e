// A lone negative constant of an int return is loaded zero-extended: R0 is 4294967295.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	return -1;
}
