// The freestanding C headers and more uapi headers, included as programs write them: the
// kernel's samples by their place in its tree (<uapi/linux/...>), others as <linux/...>.
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdarg.h>
#include <limits.h>
#include <uapi/linux/bpf.h>
#include <uapi/linux/if_ether.h>
#include <linux/string.h>
#include <linux/limits.h>
#include <linux/ipv6.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/pkt_sched.h>
#include <linux/pkt_cls.h>
#include <linux/mpls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct seen {
	struct icmp6hdr icmp;
	struct arphdr arp;
	struct mpls_label label;
	__u32 handle;
	bool big;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct seen);
} seen_map SEC(".maps");

SEC("tc")
int entry(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct seen *s = bpf_map_lookup_elem(&seen_map, &key);
	struct seen local;

	if (!s)
		return TC_ACT_OK;
	memset(&local, 0, sizeof(local));
	local.icmp.icmp6_type = ICMPV6_ECHO_REQUEST;
	local.icmp.icmp6_identifier = bpf_htons(0x1234);
	local.icmp.icmp6_router_pref = ICMPV6_ROUTER_PREF_HIGH;
	local.arp.ar_hrd = bpf_htons(ARPHRD_ETHER);
	local.arp.ar_op = bpf_htons(ARPOP_REPLY);
	local.label.entry = bpf_htonl((MPLS_LABEL_FIRST_UNRESERVED << MPLS_LS_LABEL_SHIFT) | MPLS_LS_S_MASK | 64);
	local.handle = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS);
	local.big = PATH_MAX > SHRT_MAX / 8 && INT_MAX == 2147483647 && CHAR_MIN < 0;
	memcpy(s, &local, sizeof(local));
	bpf_printk("%lu %lu %lu", sizeof(struct icmp6hdr), sizeof(struct arphdr), sizeof(struct seen));
	bpf_printk("%x %x %lu", TC_H_MAJ(local.handle), TC_H_MIN(local.handle), (unsigned long)ULONG_MAX);
	bpf_printk("%d %d %ld", ARPHRD_LOOPBACK, ICMPV6_MSG_MAX, LLONG_MIN);
	return TC_ACT_OK;
}
