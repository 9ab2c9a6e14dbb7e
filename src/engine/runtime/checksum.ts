/**
 * Internet-checksum arithmetic as the kernel's checksum helpers do it (include/net/checksum.h,
 * include/asm-generic/checksum.h): ones'-complement sums with the carry added back, on the
 * checksum field's bytes as the host loads them (little-endian), so a program passing fields it
 * loaded from the packet gets the kernel's bytes back.
 */

/** csum_add: a 32-bit ones'-complement add. */
export function csumAdd(a: number, b: number): number {
  const sum = (a + b) >>> 0;
  return (sum + (sum < b >>> 0 ? 1 : 0)) >>> 0;
}

/** csum_sub: adds the complement. */
export function csumSub(a: number, b: number): number {
  return csumAdd(a, ~b >>> 0);
}

/** csum_fold: a 32-bit sum folded to 16 bits and complemented. */
export function csumFold(sum: number): number {
  let folded = (sum & 0xffff) + (sum >>> 16);
  folded = (folded & 0xffff) + (folded >>> 16);
  return ~folded & 0xffff;
}

/** csum16_add: a 16-bit ones'-complement add. */
function csum16Add(a: number, b: number): number {
  const sum = (a + b) & 0xffff;
  return (sum + (sum < b ? 1 : 0)) & 0xffff;
}

/** csum_replace2: a 16-bit field of the summed data changed from `from` to `to`. */
export function csumReplace2(check: number, from: number, to: number): number {
  return ~csum16Add(csum16Add(~check & 0xffff, ~from & 0xffff), to) & 0xffff;
}

/** csum_replace4: a 32-bit field of the summed data changed from `from` to `to`. */
export function csumReplace4(check: number, from: number, to: number): number {
  return csumFold(csumAdd(csumSub(~check >>> 0, from), to));
}

/** csum_replace_by_diff: the summed data changed by a difference bpf_csum_diff computed. */
export function csumReplaceByDiff(check: number, diff: number): number {
  return csumFold(csumAdd(diff, ~check >>> 0));
}

/**
 * csum_partial: the ones'-complement sum of the bytes as little-endian 32-bit words (the last
 * zero-padded), added to `seed`. x86-64 adds 64 bits at a time and folds; the sum is the same,
 * 0 only for no bits set, else the one 32-bit value in its class.
 */
export function csumPartial(bytes: Uint8Array, seed: number): number {
  let sum = seed >>> 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const word =
      bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
    sum = csumAdd(sum, word >>> 0);
  }
  return sum;
}

/** csum_from32to16: a 32-bit sum folded to 16 bits, not complemented. */
export function csumFrom32To16(sum: number): number {
  const rotated = ((sum >>> 16) | (sum << 16)) >>> 0;
  return ((sum + rotated) >>> 0) >>> 16;
}
