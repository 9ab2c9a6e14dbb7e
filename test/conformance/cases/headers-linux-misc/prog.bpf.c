// Kernel uapi headers real programs include beside the BPF ones.
#include <linux/bpf.h>
#include <linux/if.h>
#include <linux/if_ether.h>
#include <linux/ipv6.h>
#include <asm/byteorder.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct device {
	char name[IFNAMSIZ];
	__u32 flags;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct device);
} devices SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct device *dev = bpf_map_lookup_elem(&devices, &key);

	if (dev)
		dev->flags = IFF_UP | IFF_RUNNING;
	switch (skb->protocol) {
	case __constant_htons(ETH_P_IP):
		bpf_printk("ipv4 %x %x", __cpu_to_be32(0x0a000001), __constant_ntohl(0x01020304));
		break;
	case __constant_htons(ETH_P_IPV6):
		bpf_printk("ipv6");
		break;
	}
	bpf_printk("%lu %lu %d", sizeof(struct device), sizeof(struct ipv6_opt_hdr), ALTIFNAMSIZ);
	return 0;
}
