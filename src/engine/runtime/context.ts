import type { ProgramType } from "../loader/sections";
import { type Region, region } from "./memory";

/** `pkt_type` values (include/uapi/linux/if_packet.h). */
export const PACKET_HOST = 0;
export const PACKET_MULTICAST = 2;
export const PACKET_OTHERHOST = 3;

const ETH_HLEN = 14;
const LOOPBACK_IFINDEX = 1;
const AF_INET = 2;
const AF_INET6 = 10;

/** What a program sees of a packet: its context fields, and the packet bytes from `data`. */
export interface PacketContext {
  /** Field values by `struct __sk_buff` / `struct xdp_md` member name (u32 each). */
  readonly fields: Readonly<Record<string, number>>;
  /** Where `data` points in the frame. */
  readonly dataStart: number;
  /** The bytes between `data` and `data_end`. */
  readonly data: Uint8Array;
}

function u32FromBytes(bytes: Uint8Array, at: number): number {
  // Stored as the packet holds them (network order) and read as a little-endian u32, as the kernel does.
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/** Bytes of an IPv4 and an IPv6 header without options (include/uapi/linux/ip.h, ipv6.h). */
const IPV4_HEADER = 20;
const IPV6_HEADER = 40;

/**
 * Why `BPF_PROG_TEST_RUN` refuses a frame for a program type, with EINVAL, before the program
 * runs; null when it takes it. Found on 6.18 (conformance cases test-run-short-frames-*): every
 * type needs the 14-byte Ethernet header; the socket-buffer types (cgroup_skb, tc, socket
 * filters) also need the whole IPv4 or IPv6 header when the Ethernet type says there is one.
 */
export function testRunRefusal(type: ProgramType, frame: Uint8Array): string | null {
  if (frame.length < ETH_HLEN)
    return `a ${frame.length}-byte frame: it needs at least the ${ETH_HLEN}-byte Ethernet header`;
  if (type === "xdp") return null;
  const etherType = (frame[12] << 8) | frame[13];
  if (etherType === 0x0800 && frame.length < ETH_HLEN + IPV4_HEADER)
    return `a ${frame.length}-byte IPv4 frame: it needs at least ${ETH_HLEN + IPV4_HEADER} bytes (Ethernet and IPv4 headers)`;
  if (etherType === 0x86dd && frame.length < ETH_HLEN + IPV6_HEADER)
    return `a ${frame.length}-byte IPv6 frame: it needs at least ${ETH_HLEN + IPV6_HEADER} bytes (Ethernet and IPv6 headers)`;
  return null;
}

/** The context fields the test run sets from a frame (all others stay zero), by number. */
export const derivedFields = [
  "len",
  "pkt_type",
  "protocol",
  "ifindex",
  "family",
  "local_ip4",
  "remote_ip4",
  "ingress_ifindex",
  "rx_queue_index",
  "egress_ifindex",
] as const;
export type ContextField = (typeof derivedFields)[number];

/**
 * Each field's number: the run writes a field through an array of offsets indexed by it, where
 * a lookup by name was a tenth of a simple program's time. An object literal, not one built from
 * `derivedFields`: V8 keeps a built object's properties in a dictionary, and each lookup there
 * cost more than the store it named (callgrind: 585 instructions a packet for seven fields).
 */
export const fieldNumber = {
  len: 0,
  pkt_type: 1,
  protocol: 2,
  ifindex: 3,
  family: 4,
  local_ip4: 5,
  remote_ip4: 6,
  ingress_ifindex: 7,
  rx_queue_index: 8,
  egress_ifindex: 9,
} as const satisfies Record<ContextField, number>;

/**
 * Bytes of the frame before skb->data (or xdp->data): the test run starts tc and XDP programs
 * at the MAC header, every other skb type at the network header.
 */
export function dataStartOf(type: ProgramType): number {
  return type === "sched_cls" || type === "xdp" ? 0 : ETH_HLEN;
}

/**
 * The context `BPF_PROG_TEST_RUN` builds from a frame (kernel-facts.md §10.1, measured on 6.18):
 * the skb lives on the loopback device, whose address and broadcast address are all zero, so
 * only an all-zero destination is PACKET_HOST and every multicast-bit address (broadcast
 * included) is PACKET_MULTICAST. cgroup_skb and socket filter programs see the skb pulled to
 * the network header; tc programs see the whole frame. Each field the test run sets for this
 * type is stored into the context's bytes at `offsets[its number]` (see fieldNumber), as a u32
 * in little-endian order; the other bytes are left as they are. A run does this for every
 * packet: no object and no call per field. Returns where `data` starts.
 */
export function writeContextFields(
  frame: Uint8Array,
  type: ProgramType,
  context: Region,
  offsets: Int32Array,
): number {
  if (type === "xdp") {
    const view = context.view;
    view.setUint32(offsets[fieldNumber.ingress_ifindex], LOOPBACK_IFINDEX, true);
    view.setUint32(offsets[fieldNumber.rx_queue_index], 0, true);
    view.setUint32(offsets[fieldNumber.egress_ifindex], 0, true);
    return 0;
  }
  const etherType = (frame[12] << 8) | frame[13];
  const destinationIsZero = (frame[0] | frame[1] | frame[2] | frame[3] | frame[4] | frame[5]) === 0;
  // Only tc (SCHED_CLS/ACT) is an L2 program in the test run; every other skb program's data
  // starts at the network header.
  const dataStart = dataStartOf(type);
  const pktType = destinationIsZero ? PACKET_HOST : frame[0] & 1 ? PACKET_MULTICAST : PACKET_OTHERHOST;
  // The values are all worked out before the stores: V8 inlines a DataView store only where it
  // knows the view's map, which a call between the view's load and the store makes it forget
  // (each store then went through a builtin, 52 instructions).
  const view = context.view;
  view.setUint32(offsets[fieldNumber.len], frame.length - dataStart, true);
  view.setUint32(offsets[fieldNumber.pkt_type], pktType, true);
  // The protocol in network byte order inside a u32: htons(ETH_P_IP) reads as 0x0008.
  view.setUint32(offsets[fieldNumber.protocol], ((etherType & 0xff) << 8) | (etherType >> 8), true);
  view.setUint32(offsets[fieldNumber.ifindex], LOOPBACK_IFINDEX, true);
  if (type !== "cgroup_skb") return dataStart;
  const ipv4 = etherType === 0x0800;
  const family = ipv4 ? AF_INET : etherType === 0x86dd ? AF_INET6 : 0;
  // The test run's dummy socket: local = the packet's source, remote = its destination.
  const local = ipv4 ? u32FromBytes(frame, 26) : 0;
  const remote = ipv4 ? u32FromBytes(frame, 30) : 0;
  view.setUint32(offsets[fieldNumber.family], family, true);
  view.setUint32(offsets[fieldNumber.local_ip4], local, true);
  view.setUint32(offsets[fieldNumber.remote_ip4], remote, true);
  return dataStart;
}

/** `struct bpf_sock` offsets (include/uapi/linux/bpf.h) of the fields the test run's socket sets. */
const SOCK_FAMILY = 4;
const SOCK_SRC_IP4 = 24;
const SOCK_SRC_IP6 = 28;
const SOCK_DST_IP4 = 52;
const SOCK_DST_IP6 = 56;
const SOCK_STATE = 72;
const SOCK_RX_QUEUE_MAPPING = 76;
const TCP_CLOSE = 7;

/**
 * The dummy socket `skb->sk` points to in a test run (net/bpf/test_run.c): a fresh socket,
 * closed, on no queue, whose family and addresses come from the packet's IPv4 or IPv6 header
 * when the frame holds one whole ([E] 6.18: family 2, src/dst the packet's, state 7, queue -1;
 * ports 0). Writes the fields that depend on the frame, and the constant ones, into the 80-byte
 * struct bpf_sock at `view` (its other bytes stay zero): run for every packet, so it allocates nothing.
 */
export function writeDummySocket(frame: Uint8Array, view: DataView): void {
  view.setUint32(SOCK_STATE, TCP_CLOSE, true);
  view.setInt32(SOCK_RX_QUEUE_MAPPING, -1, true);
  const etherType = (frame[12] << 8) | frame[13];
  const ipv4 = etherType === 0x0800 && frame.length >= ETH_HLEN + 20;
  const ipv6 = etherType === 0x86dd && frame.length >= ETH_HLEN + 40;
  view.setUint32(SOCK_FAMILY, etherType === 0x0800 ? AF_INET : etherType === 0x86dd ? AF_INET6 : 0, true);
  view.setUint32(SOCK_SRC_IP4, ipv4 ? u32FromBytes(frame, 26) : 0, true);
  view.setUint32(SOCK_DST_IP4, ipv4 ? u32FromBytes(frame, 30) : 0, true);
  for (let word = 0; word < 4; word++) {
    view.setUint32(SOCK_SRC_IP6 + 4 * word, ipv6 ? u32FromBytes(frame, 22 + 4 * word) : 0, true);
    view.setUint32(SOCK_DST_IP6 + 4 * word, ipv6 ? u32FromBytes(frame, 38 + 4 * word) : 0, true);
  }
}

/** The context fields and data of a frame, as values (for tests and views). */
export function packetContext(frame: Uint8Array, type: ProgramType): PacketContext {
  // Written twice, over zero bytes and over 0xff bytes: a field this type sets reads the same
  // from both, one it leaves does not (writeContextFields alone knows which it sets).
  const offsets = Int32Array.from(derivedFields, (_, i) => 4 * i);
  const [zeros, ones] = [0, 0xff].map((byte) =>
    region("context", "context fields", new Uint8Array(4 * derivedFields.length).fill(byte)),
  );
  const dataStart = writeContextFields(frame, type, zeros, offsets);
  writeContextFields(frame, type, ones, offsets);
  const fields: Record<string, number> = {};
  derivedFields.forEach((name, i) => {
    const value = zeros.view.getUint32(4 * i, true);
    if (value === ones.view.getUint32(4 * i, true)) fields[name] = value;
  });
  return {
    fields,
    dataStart,
    get data() {
      return frame.subarray(dataStart);
    },
  };
}
