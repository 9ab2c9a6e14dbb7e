import { EINVAL } from "../target/errno";
import { skbOffsets } from "./context-builder";
import type { Frame, PacketRun } from "./machine-state";
import { PACKET_SLOT, type Pointer, type Region, region } from "./memory";

/** The frame from skb->data (the Ethernet header, in tc): the helpers below change its length. */
function frameOf(run: PacketRun): Region | null {
  return run.contextPointers.get(skbOffsets.data)?.region ?? null;
}

function bytesOf(frame: Region): Uint8Array {
  return frame.bytes.subarray(frame.start, frame.start + frame.size);
}

/** The packet is now `bytes`: skb->data, data_end and len follow (bpf_compute_data_pointers). */
function replacePacket(run: PacketRun, bytes: Uint8Array): void {
  const frame = region("packet", "packet data", bytes);
  frame.mapSlot = PACKET_SLOT;
  const pointers = new Map<number, Pointer>(run.contextPointers);
  pointers.set(skbOffsets.data, { region: frame, offset: 0 });
  pointers.set(skbOffsets.data_end, { region: frame, offset: frame.size });
  pointers.set(skbOffsets.data_meta, { region: frame, offset: 0 });
  (run as { contextPointers: ReadonlyMap<number, Pointer> }).contextPointers = pointers;
  setField(run, "len", bytes.length);
}

function field(run: PacketRun, name: string): number {
  return run.context.view.getUint32(run.context.start + skbOffsets[name], true);
}

function setField(run: PacketRun, name: string, value: number): void {
  run.context.view.setUint32(run.context.start + skbOffsets[name], value >>> 0, true);
}

/** BPF_SKB_MAX_LEN, SKB_MAX_ALLOC: four pages less struct skb_shared_info (320 bytes). */
const MAX_SKB_LEN = 4 * 4096 - 320;
const ETH_HLEN = 14;

/**
 * `bpf_skb_change_tail(skb, len, flags)`: the packet cut to `len` bytes or grown with zeros;
 * -EINVAL for any flag, a length shorter than the Ethernet header (the network header's
 * offset) or longer than the device allows.
 */
export function skbChangeTail(frame: Frame, length: number, flags: bigint): number {
  const run = frame.run;
  const packet = frameOf(run);
  if (!packet || flags !== 0n || length > MAX_SKB_LEN || length < ETH_HLEN) return -EINVAL;
  const bytes = new Uint8Array(length);
  bytes.set(bytesOf(packet).subarray(0, Math.min(length, packet.size)));
  replacePacket(run, bytes);
  return 0;
}

const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;

/** A big-endian ethertype as skb->protocol holds it in its u32 (htons: 0x8100 reads 0x0081). */
function protocolField(etherType: number): number {
  return ((etherType & 0xff) << 8) | (etherType >> 8);
}

function isVlan(etherType: number): boolean {
  return etherType === ETH_P_8021Q || etherType === ETH_P_8021AD;
}

/**
 * `bpf_skb_vlan_push(skb, proto, tci)` (skb_vlan_push): the tag goes into the skb's hardware
 * tag (skb->vlan_present, vlan_tci, vlan_proto), the packet's bytes unchanged; a tag already
 * there is first written into the packet after the MAC addresses. A proto other than 802.1Q or
 * 802.1ad becomes 802.1Q.
 */
export function skbVlanPush(frame: Frame, proto: number, tci: number): number {
  const run = frame.run;
  const packet = frameOf(run);
  if (!packet) return -EINVAL;
  const wire = ((proto & 0xff) << 8) | ((proto >> 8) & 0xff);
  const etherType = isVlan(wire) ? wire : ETH_P_8021Q;
  if (field(run, "vlan_present")) {
    const old = bytesOf(packet);
    const bytes = new Uint8Array(old.length + 4);
    const oldProto = field(run, "vlan_proto");
    bytes.set(old.subarray(0, 12));
    bytes.set(
      [oldProto & 0xff, oldProto >> 8, (field(run, "vlan_tci") >> 8) & 0xff, field(run, "vlan_tci") & 0xff],
      12,
    );
    bytes.set(old.subarray(12), 16);
    replacePacket(run, bytes);
    setField(run, "protocol", oldProto);
  }
  setField(run, "vlan_present", 1);
  setField(run, "vlan_tci", tci & 0xffff);
  setField(run, "vlan_proto", protocolField(etherType));
  return 0;
}

/**
 * `bpf_skb_vlan_pop(skb)` (skb_vlan_pop): the hardware tag cleared, or else the packet's outer
 * 802.1Q/802.1ad tag removed; then a tag left in the packet moves into the hardware tag.
 */
export function skbVlanPop(frame: Frame): number {
  const run = frame.run;
  if (!frameOf(run)) return -EINVAL;
  if (field(run, "vlan_present")) clearHardwareTag(run);
  else if (!popPacketTag(run)) return 0;
  const next = popPacketTag(run);
  if (next) {
    setField(run, "vlan_present", 1);
    setField(run, "vlan_tci", next.tci);
    setField(run, "vlan_proto", protocolField(next.etherType));
  }
  return 0;
}

function clearHardwareTag(run: PacketRun): void {
  setField(run, "vlan_present", 0);
  setField(run, "vlan_tci", 0);
  setField(run, "vlan_proto", 0);
}

/** Removes the packet's outer VLAN tag, if it has one: its ethertype and TCI. */
function popPacketTag(run: PacketRun): { etherType: number; tci: number } | null {
  const packet = frameOf(run);
  if (!packet || packet.size < ETH_HLEN + 4) return null;
  const old = bytesOf(packet);
  const etherType = (old[12] << 8) | old[13];
  if (!isVlan(etherType)) return null;
  const tci = (old[14] << 8) | old[15];
  const bytes = new Uint8Array(old.length - 4);
  bytes.set(old.subarray(0, 12));
  bytes.set(old.subarray(16), 12);
  replacePacket(run, bytes);
  setField(run, "protocol", protocolField((bytes[12] << 8) | bytes[13]));
  return { etherType, tci };
}

/** bpf_skb_adjust_room's flags (include/uapi/linux/bpf.h). */
const ROOM = {
  fixedGso: 1n,
  encapIpv4: 1n << 1n,
  encapIpv6: 1n << 2n,
  encapGre: 1n << 3n,
  encapUdp: 1n << 4n,
  noCsumReset: 1n << 5n,
  encapEth: 1n << 6n,
  decapIpv4: 1n << 7n,
  decapIpv6: 1n << 8n,
  encapL2Length: 0xffn << 56n,
} as const;
const ENCAP_L3 = ROOM.encapIpv4 | ROOM.encapIpv6;
const DECAP_L3 = ROOM.decapIpv4 | ROOM.decapIpv6;
const ROOM_FLAGS = Object.values(ROOM).reduce((all, flag) => all | flag, 0n);
const BPF_ADJ_ROOM_NET = 0;
const BPF_ADJ_ROOM_MAC = 1;
/** ENOTSUPP (kernel-internal 524) and EALREADY. */
const ENOTSUPP = 524;
const EALREADY = 114;
const EFAULT = 14;
const ETH_P_IP = 0x0800;
const ETH_P_IPV6 = 0x86dd;

/** Packets a run has encapsulated (skb->encapsulation): a second encapsulation is -EALREADY. */
const encapsulated = new WeakSet<Uint8Array>();

/**
 * `bpf_skb_adjust_room(skb, len_diff, mode, flags)` (net/core/filter.c), its checks in the
 * kernel's order: room of |len_diff| zero bytes made (or bytes removed) after the MAC header
 * (BPF_ADJ_ROOM_MAC) or after the base IPv4/IPv6 header (BPF_ADJ_ROOM_NET, 20 or 40 bytes
 * whatever the options). Encapsulation flags mark the skb; the IP header's lengths are the
 * program's to fix, as in the kernel.
 */
export function skbAdjustRoom(frame: Frame, lengthDiff: number, mode: number, flags: bigint): number {
  const run = frame.run;
  const packet = frameOf(run);
  if (!packet) return -EINVAL;
  const diff = Math.abs(lengthDiff);
  const shrink = lengthDiff < 0;
  const etherType = ((field(run, "protocol") & 0xff) << 8) | ((field(run, "protocol") >> 8) & 0xff);
  if (flags & ~ROOM_FLAGS) return -EINVAL;
  if (diff > 0xfff) return -EFAULT;
  if (etherType !== ETH_P_IP && etherType !== ETH_P_IPV6) return -ENOTSUPP;
  if ((shrink && (flags & DECAP_L3) === DECAP_L3) || (!shrink && flags & DECAP_L3)) return -EINVAL;
  const base = etherType === ETH_P_IP ? 20 : 40;
  if (mode !== BPF_ADJ_ROOM_NET && mode !== BPF_ADJ_ROOM_MAC) return -ENOTSUPP;
  const at = ETH_HLEN + (mode === BPF_ADJ_ROOM_NET ? base : 0);
  let minimum = base;
  if (shrink && flags & ROOM.decapIpv6) minimum = 40;
  else if (shrink && flags & ROOM.decapIpv4) minimum = 20;
  const current = packet.size - ETH_HLEN;
  if (shrink && (diff >= current || current - diff < minimum)) return -ENOTSUPP;
  if (!shrink && packet.size + diff > MAX_SKB_LEN) return -ENOTSUPP;
  return shrink ? shrinkRoom(run, packet, at, diff, flags) : growRoom(run, packet, at, diff, flags);
}

function growRoom(run: PacketRun, packet: Region, at: number, diff: number, flags: bigint): number {
  if (flags & (ENCAP_L3 | ROOM.encapGre | ROOM.encapUdp | ROOM.encapEth)) {
    if (encapsulated.has(packet.bytes)) return -EALREADY;
    if ((flags & ENCAP_L3) === ENCAP_L3) return -EINVAL;
    if (flags & ROOM.encapGre && flags & ROOM.encapUdp) return -EINVAL;
    if (flags & ROOM.encapEth && (flags & ROOM.encapL2Length) >> 56n !== BigInt(ETH_HLEN)) return -EINVAL;
  }
  if (at > packet.size) return -EFAULT;
  const old = bytesOf(packet);
  const bytes = new Uint8Array(old.length + diff);
  bytes.set(old.subarray(0, at));
  bytes.set(old.subarray(at), at + diff);
  replacePacket(run, bytes);
  if (flags & ENCAP_L3) encapsulated.add(bytes);
  return 0;
}

function shrinkRoom(run: PacketRun, packet: Region, at: number, diff: number, flags: bigint): number {
  if (flags & ~(ROOM.fixedGso | DECAP_L3 | ROOM.noCsumReset)) return -EINVAL;
  if (at + diff > packet.size) return -EFAULT;
  const old = bytesOf(packet);
  const bytes = new Uint8Array(old.length - diff);
  bytes.set(old.subarray(0, at));
  bytes.set(old.subarray(at + diff), at);
  replacePacket(run, bytes);
  const protocol = field(run, "protocol");
  if (protocol === protocolField(ETH_P_IP) && flags & ROOM.decapIpv6)
    setField(run, "protocol", protocolField(ETH_P_IPV6));
  else if (protocol === protocolField(ETH_P_IPV6) && flags & ROOM.decapIpv4)
    setField(run, "protocol", protocolField(ETH_P_IP));
  return 0;
}

/** ENOMEM: bpf_skb_pull_data asked for more than the packet has. */
const ENOMEM = 12;

/**
 * `bpf_skb_change_proto(skb, proto, flags)`: IPv4 to IPv6 makes 20 zero bytes of room after
 * the MAC header, IPv6 to IPv4 takes 20 out; skb->protocol follows, the headers' bytes are the
 * program's to write. -EINVAL for flags, -ENOTSUPP for any other change.
 */
export function skbChangeProto(frame: Frame, proto: number, flags: bigint): number {
  const run = frame.run;
  const packet = frameOf(run);
  if (!packet || flags !== 0n) return -EINVAL;
  const from = ((field(run, "protocol") & 0xff) << 8) | ((field(run, "protocol") >> 8) & 0xff);
  const to = ((proto & 0xff) << 8) | ((proto >> 8) & 0xff);
  const old = bytesOf(packet);
  if (from === ETH_P_IP && to === ETH_P_IPV6) {
    const bytes = new Uint8Array(old.length + 20);
    bytes.set(old.subarray(0, ETH_HLEN));
    bytes.set(old.subarray(ETH_HLEN), ETH_HLEN + 20);
    replacePacket(run, bytes);
  } else if (from === ETH_P_IPV6 && to === ETH_P_IP) {
    if (old.length < ETH_HLEN + 20) return -EINVAL;
    const bytes = new Uint8Array(old.length - 20);
    bytes.set(old.subarray(0, ETH_HLEN));
    bytes.set(old.subarray(ETH_HLEN + 20), ETH_HLEN);
    replacePacket(run, bytes);
  } else return -ENOTSUPP;
  setField(run, "protocol", protocolField(to));
  return 0;
}

/**
 * `bpf_skb_change_head(skb, head_room, flags)`: `head_room` zero bytes before the packet (a
 * new MAC header's room); -EINVAL for flags or past BPF_SKB_MAX_LEN.
 */
export function skbChangeHead(frame: Frame, room: number, flags: bigint): number {
  const run = frame.run;
  const packet = frameOf(run);
  if (!packet || flags !== 0n || packet.size + room > MAX_SKB_LEN) return -EINVAL;
  const bytes = new Uint8Array(packet.size + room);
  bytes.set(bytesOf(packet), room);
  replacePacket(run, bytes);
  return 0;
}

/**
 * `bpf_skb_pull_data(skb, len)`: a test run's skb is linear already, so only a length past the
 * packet fails (-ENOMEM).
 */
export function skbPullData(frame: Frame, length: number): number {
  const packet = frameOf(frame.run);
  if (!packet) return -EINVAL;
  return length > packet.size ? -ENOMEM : 0;
}
