// __kconfig: a non-CONFIG_ extern libbpf does not know.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern unsigned int LINUX_TAILSCOPE_FACT __kconfig;

SEC("tc")
int classify(struct __sk_buff *skb)
{
	return LINUX_TAILSCOPE_FACT ? TC_ACT_OK : TC_ACT_SHOT;
}
