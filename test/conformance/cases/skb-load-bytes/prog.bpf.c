#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int entry(struct __sk_buff *skb)
{
	__u8 head[4] = {};
	__u32 word = 0;
	long ok = bpf_skb_load_bytes(skb, 0, head, sizeof(head));
	long bad = bpf_skb_load_bytes(skb, skb->len - 2, &word, 4);
	bpf_printk("ok=%ld %x %x", ok, head[0], head[3]);
	bpf_printk("bad=%ld word=%u", bad, word);
	return 1;
}
