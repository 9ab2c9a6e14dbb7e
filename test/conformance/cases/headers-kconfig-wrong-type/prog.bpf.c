// __kconfig: a yes/no option read into an int: libbpf refuses the type.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int CONFIG_NET __kconfig;

SEC("tc")
int classify(struct __sk_buff *skb)
{
	return CONFIG_NET ? TC_ACT_OK : TC_ACT_SHOT;
}
