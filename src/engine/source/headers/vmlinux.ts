/**
 * `<vmlinux.h>`: what bpftool's BTF dump gives programs, limited to the types networking
 * programs use. Like the real one it has types and enums, not #defines (no ETH_P_IP).
 */
export const vmlinuxH = `#ifndef __VMLINUX_H__
#define __VMLINUX_H__
#include <tailscope/uapi_bpf.h>

typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;
typedef _Bool bool;
enum {
	false = 0,
	true = 1,
};
typedef long unsigned int size_t;
typedef long int ssize_t;
typedef long int ptrdiff_t;
typedef long unsigned int uintptr_t;
typedef int pid_t;

#include <tailscope/ethhdr.h>
#include <tailscope/iphdr.h>
#include <tailscope/ipv6hdr.h>
#include <tailscope/ipv6_opt_hdr.h>
#include <tailscope/tcphdr.h>
#include <tailscope/udphdr.h>
/* The kernel's BTF has the IPPROTO_* enum and struct in_addr. */
#include <linux/in.h>
#endif
`;
