/**
 * `<sys/socket.h>` as far as BPF programs use it (the kernel's selftests include glibc's for the
 * socket types and families): written for Tailscope with glibc's values, each a macro as glibc
 * makes it (the socket types also an enum), and the socket option levels and names of
 * `<asm/socket.h>`. No functions: a BPF program calls none.
 */
export const sysSocketH = /* @__PURE__ */ sysSocketHeader();

function sysSocketHeader(): string {
  return `#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H
typedef unsigned int socklen_t;
typedef unsigned short int sa_family_t;

enum __socket_type {
	SOCK_STREAM = 1,
#define SOCK_STREAM SOCK_STREAM
	SOCK_DGRAM = 2,
#define SOCK_DGRAM SOCK_DGRAM
	SOCK_RAW = 3,
#define SOCK_RAW SOCK_RAW
	SOCK_RDM = 4,
#define SOCK_RDM SOCK_RDM
	SOCK_SEQPACKET = 5,
#define SOCK_SEQPACKET SOCK_SEQPACKET
	SOCK_DCCP = 6,
#define SOCK_DCCP SOCK_DCCP
	SOCK_PACKET = 10,
#define SOCK_PACKET SOCK_PACKET
	SOCK_CLOEXEC = 02000000,
#define SOCK_CLOEXEC SOCK_CLOEXEC
	SOCK_NONBLOCK = 00004000
#define SOCK_NONBLOCK SOCK_NONBLOCK
};

#define PF_UNSPEC 0
#define PF_LOCAL 1
#define PF_UNIX PF_LOCAL
#define PF_INET 2
#define PF_INET6 10
#define PF_NETLINK 16
#define PF_PACKET 17
#define PF_XDP 44
#define AF_UNSPEC PF_UNSPEC
#define AF_LOCAL PF_LOCAL
#define AF_UNIX PF_UNIX
#define AF_INET PF_INET
#define AF_INET6 PF_INET6
#define AF_NETLINK PF_NETLINK
#define AF_PACKET PF_PACKET
#define AF_XDP PF_XDP

#define SOL_RAW 255
#define SOL_PACKET 263
#define SOL_XDP 283
#define SOMAXCONN 4096

${asmSocketLines()}

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

struct sockaddr_storage {
	sa_family_t ss_family;
	char __ss_padding[118];
	unsigned long int __ss_align;
};
#endif
`;
}

/** `<asm/socket.h>`'s option level and the options programs set through bpf_setsockopt. */
function asmSocketLines(): string {
  const options: Record<string, number> = {
    SOL_SOCKET: 1,
    SO_DEBUG: 1,
    SO_REUSEADDR: 2,
    SO_TYPE: 3,
    SO_ERROR: 4,
    SO_DONTROUTE: 5,
    SO_BROADCAST: 6,
    SO_SNDBUF: 7,
    SO_RCVBUF: 8,
    SO_KEEPALIVE: 9,
    SO_OOBINLINE: 10,
    SO_NO_CHECK: 11,
    SO_PRIORITY: 12,
    SO_LINGER: 13,
    SO_REUSEPORT: 15,
    SO_RCVLOWAT: 18,
    SO_BINDTODEVICE: 25,
    SO_MARK: 36,
    SO_RXQ_OVFL: 40,
    SO_MAX_PACING_RATE: 47,
    SO_INCOMING_CPU: 49,
    SO_TXREHASH: 74,
  };
  return Object.entries(options)
    .map(([name, value]) => `#define ${name} ${value}`)
    .join("\n");
}

/** `<linux/socket.h>`: the kernel's sockaddr storage and the buffer-lock flags. */
export const linuxSocketH = `#ifndef _LINUX_SOCKET_H
#define _LINUX_SOCKET_H
#define _K_SS_MAXSIZE 128
typedef unsigned short __kernel_sa_family_t;
struct __kernel_sockaddr_storage {
	union {
		struct {
			__kernel_sa_family_t ss_family;
			char __data[_K_SS_MAXSIZE - sizeof(unsigned short)];
		};
		void *__align;
	};
};
#define SOCK_SNDBUF_LOCK 1
#define SOCK_RCVBUF_LOCK 2
#define SOCK_BUF_LOCK_MASK (SOCK_SNDBUF_LOCK | SOCK_RCVBUF_LOCK)
#define SOCK_TXREHASH_DEFAULT 255
#define SOCK_TXREHASH_DISABLED 0
#define SOCK_TXREHASH_ENABLED 1
#endif
`;
