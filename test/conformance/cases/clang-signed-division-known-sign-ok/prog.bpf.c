// clang refuses signed division for BPF only when it cannot prove the signs; here it can.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 total;

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int sum = 0;
	for (int i = 0; i < 10; i++)
		sum += i / 2;
	int d = skb->mark & 7;
	int q = -100 / (d ? d : 1);
	total = sum + q;
	return 1;
}
