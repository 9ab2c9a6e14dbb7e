// The tunnel and VLAN uapi headers, by both their names: GRE flag bits in network order, the
// tunnel ioctl's parameters, the VLAN ioctl's enums, and a GRE-in-IPv4 check a tc program makes.
#include <linux/bpf.h>
#include <uapi/linux/if_ether.h>
#include <uapi/linux/if_tunnel.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct gre_base {
	__be16 flags;
	__be16 protocol;
};

SEC("tc")
int entry(struct __sk_buff *skb)
{
	struct gre_base gre = { .flags = GRE_KEY | GRE_SEQ, .protocol = __constant_htons(ETH_P_IP) };
	bpf_printk("gre flags %x key? %d csum? %d", gre.flags, GRE_IS_KEY(gre.flags) != 0, GRE_IS_CSUM(gre.flags) != 0);
	bpf_printk("parm %u iph at %u", (__u32)sizeof(struct ip_tunnel_parm), (__u32)__builtin_offsetof(struct ip_tunnel_parm, iph));
	bpf_printk("tunnel %x %x vlan %d", TUNNEL_KEY | TUNNEL_CSUM, TUNNEL_OPTIONS_PRESENT, VLAN_FLAG_MVRP + GET_VLAN_VID_CMD);
	bpf_printk("ioctl args %u encap %d", (__u32)sizeof(struct vlan_ioctl_args), TUNNEL_ENCAP_MPLS);
	return skb->protocol == __constant_htons(ETH_P_IP) ? IPPROTO_GRE : 0;
}
