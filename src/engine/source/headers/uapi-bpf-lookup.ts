/**
 * The parts of `<linux/bpf.h>` for forwarding programs: the FIB lookup's argument, the values of
 * CPU and device maps, and the return codes of lightweight-tunnel programs. Written for
 * Tailscope to the kernel's layout (case headers-uapi-layouts compares it with this kernel's BTF).
 */
export const uapiBpfLookupH = `#ifndef _TAILSCOPE_UAPI_BPF_LOOKUP_H
#define _TAILSCOPE_UAPI_BPF_LOOKUP_H
#include <linux/types.h>

/* What a BPF_PROG_TYPE_LWT_* program returns. */
enum bpf_ret_code {
	BPF_OK = 0,
	BPF_DROP = 2,
	BPF_REDIRECT = 7,
	BPF_LWT_REROUTE = 128,
	BPF_FLOW_DISSECTOR_CONTINUE = 129,
};

/* bpf_fib_lookup's flags. */
enum {
	BPF_FIB_LOOKUP_DIRECT = (1U << 0),
	BPF_FIB_LOOKUP_OUTPUT = (1U << 1),
	BPF_FIB_LOOKUP_SKIP_NEIGH = (1U << 2),
	BPF_FIB_LOOKUP_TBID = (1U << 3),
	BPF_FIB_LOOKUP_SRC = (1U << 4),
	BPF_FIB_LOOKUP_MARK = (1U << 5),
};

/* What bpf_fib_lookup returns. */
enum {
	BPF_FIB_LKUP_RET_SUCCESS,
	BPF_FIB_LKUP_RET_BLACKHOLE,
	BPF_FIB_LKUP_RET_UNREACHABLE,
	BPF_FIB_LKUP_RET_PROHIBIT,
	BPF_FIB_LKUP_RET_NOT_FWDED,
	BPF_FIB_LKUP_RET_FWD_DISABLED,
	BPF_FIB_LKUP_RET_UNSUPP_LWT,
	BPF_FIB_LKUP_RET_NO_NEIGH,
	BPF_FIB_LKUP_RET_FRAG_NEEDED,
	BPF_FIB_LKUP_RET_NO_SRC_ADDR,
};

/* In and out of bpf_fib_lookup: the flow to route, then the next hop found. */
struct bpf_fib_lookup {
	__u8	family;
	__u8	l4_protocol;
	__be16	sport;
	__be16	dport;
	union {
		__u16	tot_len;
		__u16	mtu_result;
	} __attribute__((packed, aligned(2)));
	__u32	ifindex;
	union {
		__u8	tos;
		__be32	flowinfo;
		__u32	rt_metric;
	};
	union {
		__be32	ipv4_src;
		__u32	ipv6_src[4];
	};
	union {
		__be32	ipv4_dst;
		__u32	ipv6_dst[4];
	};
	union {
		struct {
			__be16	h_vlan_proto;
			__be16	h_vlan_TCI;
		};
		__u32	tbid;
	};
	union {
		struct {
			__u32	mark;
		};
		struct {
			__u8	smac[6];
			__u8	dmac[6];
		};
	};
};

/* A BPF_MAP_TYPE_CPUMAP value: the queue size and a program to run on the target CPU. */
struct bpf_cpumap_val {
	__u32 qsize;
	union {
		int fd;
		__u32 id;
	} bpf_prog;
};

/* A BPF_MAP_TYPE_DEVMAP value: the device and a program to run before sending. */
struct bpf_devmap_val {
	__u32 ifindex;
	union {
		int fd;
		__u32 id;
	} bpf_prog;
};
#endif
`;
