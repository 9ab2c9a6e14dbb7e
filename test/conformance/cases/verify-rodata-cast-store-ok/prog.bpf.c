// The cast drops volatile: the store is an ordinary one into a const object, and clang deletes it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile int limit = 5;

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	*(int *)&limit = 3;
	bpf_printk("limit %d", limit);
	return 1;
}
