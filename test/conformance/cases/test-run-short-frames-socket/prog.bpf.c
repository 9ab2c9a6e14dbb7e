// Frames from 13 bytes up, IPv4, IPv6 and ARP, through a socket program: BPF_PROG_TEST_RUN
// refuses a frame shorter than the program type needs (EINVAL), before the program runs.
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int entry(struct __sk_buff *skb)
{
	bpf_printk("len %d", skb->len);
	return 0;
}
