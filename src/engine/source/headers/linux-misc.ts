/** `<linux/if.h>`: interface name sizes and flags. Written for Tailscope to the uapi values. */
export const ifH = `#ifndef _TAILSCOPE_IF_H
#define _TAILSCOPE_IF_H
#include <linux/types.h>
#define IFNAMSIZ 16
#define IFALIASZ 256
#define ALTIFNAMSIZ 128
enum net_device_flags {
	IFF_UP = 1 << 0,
	IFF_BROADCAST = 1 << 1,
	IFF_DEBUG = 1 << 2,
	IFF_LOOPBACK = 1 << 3,
	IFF_POINTOPOINT = 1 << 4,
	IFF_NOTRAILERS = 1 << 5,
	IFF_RUNNING = 1 << 6,
	IFF_NOARP = 1 << 7,
	IFF_PROMISC = 1 << 8,
	IFF_ALLMULTI = 1 << 9,
	IFF_MASTER = 1 << 10,
	IFF_SLAVE = 1 << 11,
	IFF_MULTICAST = 1 << 12,
	IFF_PORTSEL = 1 << 13,
	IFF_AUTOMEDIA = 1 << 14,
	IFF_DYNAMIC = 1 << 15,
};
#endif
`;

/**
 * \`<asm/byteorder.h>\` for a little-endian machine, as the BPF target is here: the kernel's
 * \`__constant_htons\` family and \`__cpu_to_be32\` and friends, usable in constant expressions.
 */
export const byteorderH = `#ifndef _TAILSCOPE_BYTEORDER_H
#define _TAILSCOPE_BYTEORDER_H
#include <linux/types.h>
#ifndef __LITTLE_ENDIAN
#define __LITTLE_ENDIAN 1234
#endif
#ifndef __LITTLE_ENDIAN_BITFIELD
#define __LITTLE_ENDIAN_BITFIELD
#endif
#define ___constant_swab16(x) ((__u16)((((__u16)(x) & 0x00ffU) << 8) | (((__u16)(x) & 0xff00U) >> 8)))
#define ___constant_swab32(x) ((__u32)((((__u32)(x) & 0x000000ffUL) << 24) | \\
	(((__u32)(x) & 0x0000ff00UL) << 8) | (((__u32)(x) & 0x00ff0000UL) >> 8) | \\
	(((__u32)(x) & 0xff000000UL) >> 24)))
#define ___constant_swab64(x) ((__u64)((__u64)___constant_swab32((__u32)(x)) << 32 | \\
	___constant_swab32((__u32)((__u64)(x) >> 32))))
#define __constant_htonl(x) ((__be32)___constant_swab32((x)))
#define __constant_ntohl(x) ___constant_swab32((__be32)(x))
#define __constant_htons(x) ((__be16)___constant_swab16((x)))
#define __constant_ntohs(x) ___constant_swab16((__be16)(x))
#define __constant_cpu_to_be64(x) ((__be64)___constant_swab64((x)))
#define __constant_cpu_to_be32(x) ((__be32)___constant_swab32((x)))
#define __constant_cpu_to_be16(x) ((__be16)___constant_swab16((x)))
#define __constant_be32_to_cpu(x) ___constant_swab32((__u32)(__be32)(x))
#define __constant_be16_to_cpu(x) ___constant_swab16((__u16)(__be16)(x))
#define __cpu_to_be64(x) ((__be64)___constant_swab64((x)))
#define __be64_to_cpu(x) ___constant_swab64((__u64)(__be64)(x))
#define __cpu_to_be32(x) ((__be32)___constant_swab32((x)))
#define __be32_to_cpu(x) ___constant_swab32((__u32)(__be32)(x))
#define __cpu_to_be16(x) ((__be16)___constant_swab16((x)))
#define __be16_to_cpu(x) ___constant_swab16((__u16)(__be16)(x))
#define __cpu_to_le64(x) ((__le64)(__u64)(x))
#define __le64_to_cpu(x) ((__u64)(__le64)(x))
#define __cpu_to_le32(x) ((__le32)(__u32)(x))
#define __le32_to_cpu(x) ((__u32)(__le32)(x))
#define __cpu_to_le16(x) ((__le16)(__u16)(x))
#define __le16_to_cpu(x) ((__u16)(__le16)(x))
#endif
`;

/** IPv6 extension headers' common start (\`<linux/ipv6.h>\`). */
export const ipv6OptHdrStruct = `#ifndef _TAILSCOPE_IPV6_OPT_HDR_H
#define _TAILSCOPE_IPV6_OPT_HDR_H
struct ipv6_opt_hdr {
	__u8 nexthdr;
	__u8 hdrlen;
} __attribute__((packed));
#endif
`;

/** `<linux/icmp.h>`: the ICMP header and its message types and codes. */
export const icmpH = `#ifndef _TAILSCOPE_ICMP_H
#define _TAILSCOPE_ICMP_H
#include <linux/types.h>
#include <asm/byteorder.h>
#define ICMP_ECHOREPLY 0
#define ICMP_DEST_UNREACH 3
#define ICMP_SOURCE_QUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_TIME_EXCEEDED 11
#define ICMP_PARAMETERPROB 12
#define ICMP_TIMESTAMP 13
#define ICMP_TIMESTAMPREPLY 14
#define ICMP_INFO_REQUEST 15
#define ICMP_INFO_REPLY 16
#define ICMP_ADDRESS 17
#define ICMP_ADDRESSREPLY 18
#define NR_ICMP_TYPES 18
#define ICMP_NET_UNREACH 0
#define ICMP_HOST_UNREACH 1
#define ICMP_PROT_UNREACH 2
#define ICMP_PORT_UNREACH 3
#define ICMP_FRAG_NEEDED 4
#define ICMP_SR_FAILED 5
#define ICMP_EXC_TTL 0
#define ICMP_EXC_FRAGTIME 1
struct icmphdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
	union {
		struct {
			__be16 id;
			__be16 sequence;
		} echo;
		__be32 gateway;
		struct {
			__be16 __unused;
			__be16 mtu;
		} frag;
		__u8 reserved[4];
	} un;
};
#endif
`;

/** `<linux/if_packet.h>`: a packet's type as skb->pkt_type holds it, and the link-layer address. */
export const ifPacketH = `#ifndef _TAILSCOPE_IF_PACKET_H
#define _TAILSCOPE_IF_PACKET_H
#include <linux/types.h>
#include <asm/byteorder.h>
struct sockaddr_ll {
	unsigned short sll_family;
	__be16 sll_protocol;
	int sll_ifindex;
	unsigned short sll_hatype;
	unsigned char sll_pkttype;
	unsigned char sll_halen;
	unsigned char sll_addr[8];
};
#define PACKET_HOST 0
#define PACKET_BROADCAST 1
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3
#define PACKET_OUTGOING 4
#define PACKET_LOOPBACK 5
#define PACKET_USER 6
#define PACKET_KERNEL 7
#endif
`;

/**
 * `"bpf_legacy.h"`, the header the kernel's samples/bpf keep beside their programs: the classic
 * LD_ABS/LD_IND loads (LLVM intrinsics), the map definition libbpf 0.x read from SEC("maps"),
 * and the macro that gave such a map BTF for its key and value.
 */
export const bpfLegacyH = `#ifndef _TAILSCOPE_BPF_LEGACY_H
#define _TAILSCOPE_BPF_LEGACY_H
struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
	unsigned int inner_map_idx;
	unsigned int numa_node;
};
#define BPF_ANNOTATE_KV_PAIR(name, type_key, type_val) \\
	struct ____btf_map_##name { type_key key; type_val value; }; \\
	struct ____btf_map_##name __attribute__((section(".maps." #name), used)) ____btf_map_##name = { }
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");
#endif
`;
