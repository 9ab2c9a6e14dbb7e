import { helperDefsHeader } from "../helper-table";
import { bpfTracingH } from "./bpf-tracing";
import { errnoH } from "./errno";
import { bpfCoreReadH, bpfEndianH, bpfHelpersH } from "./libbpf";
import { stdboolH, stddefH, stdintH } from "./libc";
import { bpfLegacyH, byteorderH, icmpH, ifH, ifPacketH, ipv6OptHdrStruct } from "./linux-misc";
import {
  ethhdrStruct,
  ifEtherH,
  in6AddrStruct,
  in6H,
  inH,
  ipH,
  iphdrStruct,
  ipv6H,
  ipv6hdrStruct,
  pktClsH,
  tcpH,
  tcphdrStruct,
  udpH,
  udphdrStruct,
} from "./net";
import { linuxSocketH, sysSocketH } from "./sockets";
import { uapiBpfH } from "./uapi-bpf";
import { uapiBpfLookupH } from "./uapi-bpf-lookup";
import { uapiBpfSocketsH } from "./uapi-bpf-sockets";
import {
  icmpv6H,
  ifArpH,
  ifTunnelH,
  ifVlanH,
  limitsH,
  linuxLimitsH,
  mplsH,
  netdeviceH,
  pktSchedH,
  stdargH,
  stringH,
} from "./uapi-extra";
import { linuxTypesH } from "./uapi-types";
import { usdtBpfH } from "./usdt";
import { vmlinuxH } from "./vmlinux";

/**
 * Tailscope's built-in headers by include name; written for Tailscope, compatible with the
 * kernel's and libbpf's (`<uapi/linux/…>` finds the same ones, see file-system.ts).
 */
export const builtinHeaders: Readonly<Record<string, string>> = {
  "stddef.h": stddefH,
  "stdbool.h": stdboolH,
  "stdint.h": stdintH,
  "stdarg.h": stdargH,
  "limits.h": limitsH,
  "string.h": stringH,
  "linux/string.h": `#include <string.h>\n`,
  "linux/limits.h": linuxLimitsH,
  "linux/icmpv6.h": icmpv6H,
  "linux/if_arp.h": ifArpH,
  "linux/netdevice.h": netdeviceH,
  "linux/pkt_sched.h": pktSchedH,
  "linux/mpls.h": mplsH,
  "linux/if_vlan.h": ifVlanH,
  "linux/if_tunnel.h": ifTunnelH,
  "linux/socket.h": linuxSocketH,
  "sys/socket.h": sysSocketH,
  "linux/types.h": linuxTypesH,
  "asm/types.h": linuxTypesH,
  "asm/byteorder.h": byteorderH,
  "linux/byteorder/little_endian.h": byteorderH,
  "linux/if.h": ifH,
  "linux/icmp.h": icmpH,
  "linux/if_packet.h": ifPacketH,
  "tailscope/ipv6_opt_hdr.h": ipv6OptHdrStruct,
  "linux/bpf.h": `#include <tailscope/uapi_bpf.h>\n`,
  // `<vmlinux.h>` itself is cut from this kernel's BTF for each build (file-system.ts).
  "tailscope/implicit_vmlinux.h": vmlinuxH,
  "bpf/bpf_helpers.h": bpfHelpersH,
  "bpf/bpf_helper_defs.h": helperDefsHeader(),
  "bpf/bpf_endian.h": bpfEndianH,
  "bpf/bpf_tracing.h": bpfTracingH,
  "bpf/bpf_core_read.h": bpfCoreReadH,
  "bpf/usdt.bpf.h": usdtBpfH,
  "bpf_legacy.h": bpfLegacyH,
  "linux/errno.h": errnoH,
  "asm-generic/errno-base.h": errnoH,
  "asm-generic/errno.h": errnoH,
  "errno.h": errnoH,
  "linux/if_ether.h": ifEtherH,
  "linux/ip.h": ipH,
  "linux/ipv6.h": ipv6H,
  "linux/in6.h": in6H,
  "linux/in.h": inH,
  "linux/tcp.h": tcpH,
  "linux/udp.h": udpH,
  "linux/pkt_cls.h": pktClsH,
  "tailscope/uapi_bpf.h": uapiBpfH,
  "tailscope/uapi_bpf_lookup.h": uapiBpfLookupH,
  "tailscope/uapi_bpf_sockets.h": uapiBpfSocketsH,
  "tailscope/ethhdr.h": ethhdrStruct,
  "tailscope/iphdr.h": iphdrStruct,
  "tailscope/ipv6hdr.h": ipv6hdrStruct,
  "tailscope/in6_addr.h": in6AddrStruct,
  "tailscope/tcphdr.h": tcphdrStruct,
  "tailscope/udphdr.h": udphdrStruct,
};

/** Headers Tailscope includes before the main file unless it includes them itself. */
export const implicitHeaders = ["vmlinux.h", "bpf/bpf_helpers.h"] as const;

/**
 * What stands in for an implicit `<vmlinux.h>`: the networking types only, each behind the same
 * guard as the uapi header that defines it, so that a program including `<linux/bpf.h>` or
 * `<linux/ip.h>` itself (but not vmlinux.h, which would clash with them, as in clang) builds.
 */
export const IMPLICIT_VMLINUX = "tailscope/implicit_vmlinux.h";
