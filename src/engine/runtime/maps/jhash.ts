/**
 * Bob Jenkins' lookup3 hash as the kernel implements it (include/linux/jhash.h): `jhash` over
 * bytes and `jhash2` over 32-bit words. The bloom filter hashes values with it, so with
 * BPF_F_ZERO_SEED Tailscope sets the very bits the kernel sets, false positives included.
 */
const JHASH_INITVAL = 0xdeadbeef;

function rol32(word: number, shift: number): number {
  return ((word << shift) | (word >>> (32 - shift))) >>> 0;
}

/** Three words of state, mixed in place: [a, b, c]. */
type State = [number, number, number];

function mix(s: State): void {
  let [a, b, c] = s;
  a = (a - c) >>> 0;
  a ^= rol32(c, 4);
  c = (c + b) >>> 0;
  b = (b - a) >>> 0;
  b ^= rol32(a >>> 0, 6);
  a = (a + c) >>> 0;
  c = (c - b) >>> 0;
  c ^= rol32(b >>> 0, 8);
  b = (b + a) >>> 0;
  a = (a - c) >>> 0;
  a ^= rol32(c >>> 0, 16);
  c = (c + b) >>> 0;
  b = (b - a) >>> 0;
  b ^= rol32(a >>> 0, 19);
  a = (a + c) >>> 0;
  c = (c - b) >>> 0;
  c ^= rol32(b >>> 0, 4);
  b = (b + a) >>> 0;
  s[0] = a >>> 0;
  s[1] = b >>> 0;
  s[2] = c >>> 0;
}

function final(s: State): number {
  let [a, b, c] = s;
  c ^= b;
  c = (c - rol32(b, 14)) >>> 0;
  a ^= c;
  a = (a - rol32(c, 11)) >>> 0;
  b ^= a;
  b = (b - rol32(a, 25)) >>> 0;
  c ^= b;
  c = (c - rol32(b, 16)) >>> 0;
  a ^= c;
  a = (a - rol32(c, 4)) >>> 0;
  b ^= a;
  b = (b - rol32(a, 14)) >>> 0;
  c ^= b;
  c = (c - rol32(b, 24)) >>> 0;
  return c >>> 0;
}

function littleEndianWord(bytes: Uint8Array, at: number, length: number): number {
  let word = 0;
  for (let i = Math.min(length, 4) - 1; i >= 0; i--) word = (word << 8) | bytes[at + i];
  return word >>> 0;
}

/** `jhash(key, length, initval)`: bytes read as little-endian words, the last block partial. */
export function jhash(key: Uint8Array, initval: number): number {
  let length = key.length;
  const start = (JHASH_INITVAL + length + initval) >>> 0;
  const s: State = [start, start, start];
  let at = 0;
  while (length > 12) {
    s[0] = (s[0] + littleEndianWord(key, at, 4)) >>> 0;
    s[1] = (s[1] + littleEndianWord(key, at + 4, 4)) >>> 0;
    s[2] = (s[2] + littleEndianWord(key, at + 8, 4)) >>> 0;
    mix(s);
    length -= 12;
    at += 12;
  }
  if (length === 0) return s[2];
  for (let word = 0; word < 3 && word * 4 < length; word++)
    s[word] = (s[word] + littleEndianWord(key, at + word * 4, length - word * 4)) >>> 0;
  return final(s);
}

/** `jhash2(words, count, initval)`: the value as 32-bit words (a size that is a multiple of 4). */
export function jhash2(key: Uint8Array, initval: number): number {
  let length = key.length / 4;
  const start = (JHASH_INITVAL + (length << 2) + initval) >>> 0;
  const s: State = [start, start, start];
  let at = 0;
  while (length > 3) {
    for (let word = 0; word < 3; word++) s[word] = (s[word] + littleEndianWord(key, at + word * 4, 4)) >>> 0;
    mix(s);
    length -= 3;
    at += 12;
  }
  if (length === 0) return s[2];
  for (let word = 0; word < length; word++)
    s[word] = (s[word] + littleEndianWord(key, at + word * 4, 4)) >>> 0;
  return final(s);
}
