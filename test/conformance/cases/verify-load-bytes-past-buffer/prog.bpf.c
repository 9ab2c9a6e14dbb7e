// The helper's length argument is checked against the memory its pointer argument points to.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	char buf[8];
	if (bpf_skb_load_bytes(skb, 0, buf, 16))
		return 1;
	return buf[0] & 1;
}
