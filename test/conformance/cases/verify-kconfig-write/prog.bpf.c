// __kconfig: a program storing into a __kconfig extern, which lives in a frozen read-only map.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern unsigned long CONFIG_HZ __kconfig;

SEC("tc")
int classify(struct __sk_buff *skb)
{
	CONFIG_HZ = skb->len; return TC_ACT_OK;
}
