/**
 * Protocol headers as the kernel's uapi declares them (little-endian bit-field order). Each
 * struct has its own guard so <vmlinux.h> (which carries the types, not the #defines) and the
 * uapi headers can be combined.
 */

export const ifEtherH = `#ifndef _TAILSCOPE_IF_ETHER_H
#define _TAILSCOPE_IF_ETHER_H
#include <linux/types.h>
#define ETH_ALEN	6
#define ETH_TLEN	2
#define ETH_HLEN	14
#define ETH_ZLEN	60
#define ETH_DATA_LEN	1500
#define ETH_FRAME_LEN	1514
#define ETH_P_LOOP	0x0060
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_P_8021Q	0x8100
#define ETH_P_IPV6	0x86DD
#define ETH_P_MPLS_UC	0x8847
#define ETH_P_8021AD	0x88A8
#define ETH_P_ALL	0x0003
#include <tailscope/ethhdr.h>
#endif
`;

export const ethhdrStruct = `#ifndef _TAILSCOPE_STRUCT_ETHHDR
#define _TAILSCOPE_STRUCT_ETHHDR
struct ethhdr {
	unsigned char	h_dest[6];
	unsigned char	h_source[6];
	__be16		h_proto;
} __attribute__((packed));
#endif
`;

export const ipH = `#ifndef _TAILSCOPE_IP_H
#define _TAILSCOPE_IP_H
#include <linux/types.h>
#include <asm/byteorder.h>
#define IPTOS_TOS_MASK		0x1E
#define IP_CE		0x8000
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1FFF
#include <tailscope/iphdr.h>
#endif
`;

export const iphdrStruct = `#ifndef _TAILSCOPE_STRUCT_IPHDR
#define _TAILSCOPE_STRUCT_IPHDR
struct iphdr {
	__u8	ihl:4,
		version:4;
	__u8	tos;
	__be16	tot_len;
	__be16	id;
	__be16	frag_off;
	__u8	ttl;
	__u8	protocol;
	__sum16	check;
	__be32	saddr;
	__be32	daddr;
};
#endif
`;

export const ipv6H = `#ifndef _TAILSCOPE_IPV6_H
#define _TAILSCOPE_IPV6_H
#include <linux/types.h>
#include <asm/byteorder.h>
#include <linux/in6.h>
#include <tailscope/ipv6hdr.h>
#include <tailscope/ipv6_opt_hdr.h>
#endif
`;

export const in6H = `#ifndef _TAILSCOPE_IN6_H
#define _TAILSCOPE_IN6_H
#include <linux/types.h>
#include <tailscope/in6_addr.h>
#define s6_addr			in6_u.u6_addr8
#define s6_addr16		in6_u.u6_addr16
#define s6_addr32		in6_u.u6_addr32
#endif
`;

export const in6AddrStruct = `#ifndef _TAILSCOPE_STRUCT_IN6_ADDR
#define _TAILSCOPE_STRUCT_IN6_ADDR
struct in6_addr {
	union {
		__u8		u6_addr8[16];
		__be16		u6_addr16[8];
		__be32		u6_addr32[4];
	} in6_u;
};
#endif
`;

export const ipv6hdrStruct = `#ifndef _TAILSCOPE_STRUCT_IPV6HDR
#define _TAILSCOPE_STRUCT_IPV6HDR
#include <tailscope/in6_addr.h>
struct ipv6hdr {
	__u8			priority:4,
				version:4;
	__u8			flow_lbl[3];
	__be16			payload_len;
	__u8			nexthdr;
	__u8			hop_limit;
	struct	in6_addr	saddr;
	struct	in6_addr	daddr;
};
#endif
`;

/** uapi's IP protocol numbers: an enum whose members are also macros, as `<linux/in.h>` has them. */
const ipProtocols: readonly (readonly [string, number])[] = [
  ["IP", 0],
  ["ICMP", 1],
  ["IGMP", 2],
  ["IPIP", 4],
  ["TCP", 6],
  ["EGP", 8],
  ["PUP", 12],
  ["UDP", 17],
  ["IDP", 22],
  ["TP", 29],
  ["DCCP", 33],
  ["IPV6", 41],
  ["RSVP", 46],
  ["GRE", 47],
  ["ESP", 50],
  ["AH", 51],
  ["MTP", 92],
  ["BEETPH", 94],
  ["ENCAP", 98],
  ["PIM", 103],
  ["COMP", 108],
  ["L2TP", 115],
  ["SCTP", 132],
  ["UDPLITE", 136],
  ["MPLS", 137],
  ["ETHERNET", 143],
  ["RAW", 255],
  ["MPTCP", 262],
];

function ipProtocolEnum(): string {
  const members = ipProtocols.map(
    ([name, value]) => `  IPPROTO_${name} = ${value},\n#define IPPROTO_${name}\t\tIPPROTO_${name}`,
  );
  return `enum {\n${members.join("\n")}\n  IPPROTO_MAX\n};`;
}

export const inH = /* @__PURE__ */ inHeader();

function inHeader(): string {
  return `#ifndef _TAILSCOPE_IN_H
#define _TAILSCOPE_IN_H
#include <linux/types.h>
#include <asm/byteorder.h>
${ipProtocolEnum()}
#define IPPROTO_ICMPV6		58
#define IPPROTO_FRAGMENT	44
#define IPPROTO_HOPOPTS		0
#define IPPROTO_ROUTING		43
#define IPPROTO_NONE		59
#define IPPROTO_DSTOPTS		60
struct in_addr {
	__be32	s_addr;
};
#endif
`;
}

export const tcpH = `#ifndef _TAILSCOPE_TCP_H
#define _TAILSCOPE_TCP_H
#include <linux/types.h>
#include <asm/byteorder.h>
#include <tailscope/tcphdr.h>
#endif
`;

export const tcphdrStruct = `#ifndef _TAILSCOPE_STRUCT_TCPHDR
#define _TAILSCOPE_STRUCT_TCPHDR
struct tcphdr {
	__be16	source;
	__be16	dest;
	__be32	seq;
	__be32	ack_seq;
	__u16	res1:4,
		doff:4,
		fin:1,
		syn:1,
		rst:1,
		psh:1,
		ack:1,
		urg:1,
		ece:1,
		cwr:1;
	__be16	window;
	__sum16	check;
	__be16	urg_ptr;
};
#endif
`;

export const udpH = `#ifndef _TAILSCOPE_UDP_H
#define _TAILSCOPE_UDP_H
#include <linux/types.h>
#include <tailscope/udphdr.h>
#endif
`;

export const udphdrStruct = `#ifndef _TAILSCOPE_STRUCT_UDPHDR
#define _TAILSCOPE_STRUCT_UDPHDR
struct udphdr {
	__be16	source;
	__be16	dest;
	__be16	len;
	__sum16	check;
};
#endif
`;

export const pktClsH = `#ifndef _TAILSCOPE_PKT_CLS_H
#define _TAILSCOPE_PKT_CLS_H
#include <linux/types.h>
#define TC_ACT_UNSPEC	(-1)
#define TC_ACT_OK		0
#define TC_ACT_RECLASSIFY	1
#define TC_ACT_SHOT		2
#define TC_ACT_PIPE		3
#define TC_ACT_STOLEN		4
#define TC_ACT_QUEUED		5
#define TC_ACT_REPEAT		6
#define TC_ACT_REDIRECT		7
#define TC_ACT_TRAP		8
#define TC_ACT_VALUE_MAX	TC_ACT_TRAP
#endif
`;
