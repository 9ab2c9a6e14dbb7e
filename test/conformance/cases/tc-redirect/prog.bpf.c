#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* bpf_redirect returns the verdict the program should return; flags other than
 * BPF_F_INGRESS make it TC_ACT_SHOT. */
SEC("tc")
int entry(struct __sk_buff *skb)
{
	long plain = bpf_redirect(1, 0);
	long bad_flag = bpf_redirect(1, 8);
	long ingress = bpf_redirect(1, BPF_F_INGRESS);

	bpf_printk("%ld %ld %ld", plain, bad_flag, ingress);
	return 0;
}
