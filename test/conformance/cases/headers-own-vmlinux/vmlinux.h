// A project's trimmed vmlinux.h: only what its program uses, at the kernel's offsets.
#ifndef PROJECT_VMLINUX_H
#define PROJECT_VMLINUX_H
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;

enum bpf_map_type {
	BPF_MAP_TYPE_ARRAY = 2,
};

struct __sk_buff {
	__u32 len;
	__u32 pkt_type;
	__u32 mark;
};

struct project_counter {
	__u64 packets;
	__u64 bytes;
};
#endif
