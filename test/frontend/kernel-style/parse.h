// Shared declarations, in the style of samples/bpf/sockex3_kern.c: a prog array whose slots
// are named by an enum, and programs whose names are pasted by a macro.
#ifndef TS_PARSE_H
#define TS_PARSE_H

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)
#define PROG(F) SEC("socket/" __stringify(F)) int bpf_func_##F

enum {
	PARSE_VLAN = 1,
	PARSE_MPLS,
	PARSE_IP,
	PARSE_IPV6,
};

struct flow_key_record {
	__be32 src;
	__be32 dst;
	union {
		__be32 ports;
		__be16 port16[2];
	};
	__u32 ip_proto;
};

struct globals {
	struct flow_key_record flow;
	__u32 nhoff;
};

int bpf_func_PARSE_IP(struct __sk_buff *skb);
int bpf_func_PARSE_IPV6(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(max_entries, 8);
	__array(values, int (void *));
} jmp_table SEC(".maps") = {
	.values = {
		[PARSE_IP] = (void *)&bpf_func_PARSE_IP,
		[PARSE_IPV6] = (void *)&bpf_func_PARSE_IPV6,
	},
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct globals);
	__uint(max_entries, 1);
} percpu_map SEC(".maps");
#endif
