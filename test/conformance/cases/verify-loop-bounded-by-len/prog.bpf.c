// skb->len can be up to 4 GiB as far as the verifier knows: the loop never converges.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u32 sum = 0;
	for (__u32 i = 0; i < skb->len; i++)
		sum += i;
	return sum & 1;
}
