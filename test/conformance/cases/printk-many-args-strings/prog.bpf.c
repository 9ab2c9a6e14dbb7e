#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const char program[] = "egress";

/* With more than three arguments bpf_printk packs them into an array of unsigned long long
 * and calls bpf_trace_vprintk: a string's pointer goes through that integer array. */
SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	char name[8] = "tail";
	bpf_printk("%s %s %d %d", name, program, skb->len, 4);
	bpf_printk("[%6s] %u %u %u %s", name, 1, 2, 3, program);
	return 1;
}
