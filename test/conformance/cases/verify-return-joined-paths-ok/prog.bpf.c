// ret is 0, 1 or 3 on every path: switch cases and gotos join before `return ret;`.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	int ret;

	switch (skb->protocol) {
	case bpf_htons(0x0800):
		ret = 1;
		break;
	case bpf_htons(0x86dd):
		ret = 3;
		break;
	default:
		ret = 0;
		break;
	}
	if (skb->len < 20)
		goto out;
	if (skb->mark == 5) {
		ret = 0;
		goto out;
	}
	if (skb->priority > 3)
		goto drop;
out:
	return ret;
drop:
	return 0;
}
