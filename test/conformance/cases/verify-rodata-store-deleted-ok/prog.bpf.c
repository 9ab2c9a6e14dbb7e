// Writing to a const object is undefined: clang drops the store and keeps the constant.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const int limit = 5;

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	*(int *)&limit = 3;
	bpf_printk("limit %d", limit);
	return 1;
}
