// 512 bytes of array fill the whole BPF stack; clang also needs a slot for the index.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	volatile char buf[512];
	buf[skb->len & 511] = 1;
	return buf[3] & 1;
}
