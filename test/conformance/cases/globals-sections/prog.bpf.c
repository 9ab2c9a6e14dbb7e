#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 packets;			/* .bss */
__u32 base = 100;		/* .data */
const volatile __u32 step = 3;	/* .rodata */
char tag[8] = "abc";		/* .data */
static __u16 hidden;		/* .bss, static */

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	packets++;
	base += step;
	hidden = hidden * 2 + 1;
	tag[3] = '0' + (char)packets;
	bpf_printk("packets=%llu base=%u hidden=%u", packets, base, hidden);
	return 1;
}
