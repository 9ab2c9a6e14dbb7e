// __kconfig: an option this kernel does not set, declared without __weak: libbpf fails the load.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int CONFIG_TAILSCOPE_NOT_A_REAL_OPTION __kconfig;

SEC("tc")
int classify(struct __sk_buff *skb)
{
	return CONFIG_TAILSCOPE_NOT_A_REAL_OPTION ? TC_ACT_SHOT : TC_ACT_OK;
}
