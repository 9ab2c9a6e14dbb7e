// The IPv4 header is checked, but the read reaches past it.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;
	if ((void *)(ip + 1) > end)
		return 1;
	if (ip->protocol == 17)
		return ((__u8 *)data)[28] & 1;
	return 1;
}
