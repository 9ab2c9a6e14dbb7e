import type { Span } from "../source/source-file";
import { EFAULT, EINVAL } from "../target/errno";
import {
  csumFrom32To16,
  csumPartial,
  csumReplace2,
  csumReplace4,
  csumReplaceByDiff,
  csumSub,
} from "./checksum";
import type { Frame } from "./machine-state";
import { markWritten } from "./memory";
import type { Value } from "./values";

/** How helpers read their arguments; helpers.ts owns them. */
export interface ArgumentReaders {
  toBig(value: Value, frame: Frame): bigint;
  bytesAt(value: Value, size: number, what: string, span: Span): Uint8Array;
}

/** The packet's bytes from skb->data, as the helpers that rewrite it see them. */
export function packetOf(frame: Frame) {
  return frame.run.contextPointers.values().next().value?.region ?? null;
}

/** The flags bpf_skb_store_bytes takes: BPF_F_RECOMPUTE_CSUM and BPF_F_INVALIDATE_HASH. */
const STORE_BYTES_FLAGS = 0x3n;

/**
 * `bpf_skb_store_bytes(skb, offset, from, len, flags)`: copies into the packet at an offset from
 * skb->data, as bpf_skb_store_bytes does [E] 6.18: -EINVAL for another flag, -EFAULT for bytes
 * past the packet's end (bpf_try_make_writable cannot pull them). The checksum flags change
 * nothing a test run shows: its skb has no checksum to recompute and a zero hash.
 */
export function skbStoreBytes(
  read: ArgumentReaders,
  frame: Frame,
  [, offset, from, length, flags]: readonly Value[],
  span: Span,
): number {
  const len = Number(length);
  const at = Number(offset);
  if ((read.toBig(flags, frame) & ~STORE_BYTES_FLAGS) !== 0n) return -EINVAL;
  const source = read.bytesAt(from, len, "bpf_skb_store_bytes's source", span).slice();
  const packet = packetOf(frame);
  if (!packet || at < 0 || at + len > packet.size) return -EFAULT;
  packet.bytes.set(source, packet.start + at);
  markWritten(packet, packet.start + at, len);
  return 0;
}

/** BPF_F_HDR_FIELD_MASK: the size of the changed field, 0 for a bpf_csum_diff difference. */
const FIELD_SIZE = 0xfn;
const PSEUDO_HDR = 0x10n;
const MARK_MANGLED_0 = 0x20n;
const MARK_ENFORCE = 0x40n;
const IPV6 = 0x80n;
/** A UDP checksum that came out zero is sent as all ones (CSUM_MANGLED_0): zero means none. */
const CSUM_MANGLED_0 = 0xffff;

interface Replacement {
  readonly check: number;
  readonly size: bigint;
  readonly from: bigint;
  readonly to: bigint;
}

/** The checksum after the change, or null for a size the helpers refuse. */
function replaced({ check, size, from, to }: Replacement, sixteenBit: boolean): number | null {
  const [from32, to32] = [Number(BigInt.asUintN(32, from)), Number(BigInt.asUintN(32, to))];
  if (size === 0n) return from === 0n ? csumReplaceByDiff(check, to32) : null;
  if (size === 2n) {
    const [from16, to16] = [from32 & 0xffff, to32 & 0xffff];
    return sixteenBit ? csumReplace2(check, from16, to16) : csumReplace4(check, from16, to16);
  }
  if (size === 4n) return csumReplace4(check, from32, to32);
  return null;
}

/**
 * `bpf_l3_csum_replace(skb, offset, from, to, flags)` and `bpf_l4_csum_replace`: the 16-bit
 * checksum at `offset` from skb->data updated for a field changed from `from` to `to` (of
 * flags & 0xf bytes, or 0 for a difference from bpf_csum_diff), as the kernel does it on a
 * test run's skb (CHECKSUM_NONE: the pseudo-header flag changes no field). -EINVAL for unknown
 * flags or a size other than 0, 2 or 4; -EFAULT for an odd offset or one past the packet.
 */
export function csumReplace(
  layer: 3 | 4,
  read: ArgumentReaders,
  frame: Frame,
  [, offset, from, to, flags]: readonly Value[],
): number {
  const bits = read.toBig(flags, frame);
  const allowed = layer === 3 ? FIELD_SIZE : FIELD_SIZE | PSEUDO_HDR | MARK_MANGLED_0 | MARK_ENFORCE | IPV6;
  if ((bits & ~allowed) !== 0n) return -EINVAL;
  const at = Number(BigInt.asUintN(32, read.toBig(offset, frame)));
  const packet = packetOf(frame);
  if (at > 0xffff || at % 2 !== 0 || !packet || at + 2 > packet.size) return -EFAULT;
  const address = packet.start + at;
  const check = packet.view.getUint16(address, true);
  const mangledZero = layer === 4 && (bits & MARK_MANGLED_0) !== 0n;
  if (mangledZero && (bits & MARK_ENFORCE) === 0n && check === 0) return 0;
  const change = { check, size: bits & FIELD_SIZE, from: read.toBig(from, frame), to: read.toBig(to, frame) };
  let next = replaced(change, layer === 3);
  if (next === null) return -EINVAL;
  if (mangledZero && next === 0) next = CSUM_MANGLED_0;
  packet.view.setUint16(address, next, true);
  markWritten(packet, address, 2);
  return 0;
}

/**
 * `bpf_csum_diff(from, from_size, to, to_size, seed)`: the checksum difference of replacing
 * `from` with `to`, folded to 16 bits as Linux 6.18 returns it (the sizes need not be equal nor
 * whole words); only pushing (no `from`) or only pulling (no `to`) work from the seed.
 */
export function csumDiff(read: ArgumentReaders, frame: Frame, args: readonly Value[], span: Span): number {
  const [from, fromSize, to, toSize, seedValue] = args;
  const [fromLength, toLength] = [Number(fromSize), Number(toSize)];
  const seed = Number(BigInt.asUintN(32, read.toBig(seedValue, frame)));
  const bytes = (pointer: Value, length: number, what: string) =>
    length === 0 ? new Uint8Array(0) : read.bytesAt(pointer, length, what, span);
  const removed = bytes(from, fromLength, "bpf_csum_diff's from");
  const added = bytes(to, toLength, "bpf_csum_diff's to");
  let sum = seed;
  if (fromLength && toLength) sum = csumSub(csumPartial(added, seed), csumPartial(removed, 0));
  else if (toLength) sum = csumPartial(added, seed);
  else if (fromLength) sum = ~csumPartial(removed, ~seed >>> 0) >>> 0;
  return csumFrom32To16(sum);
}
