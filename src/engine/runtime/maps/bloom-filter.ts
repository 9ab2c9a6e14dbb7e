import { EINVAL, ENOENT, EOPNOTSUPP } from "../../target/errno";
import { BPF_ANY, BPF_F_ZERO_SEED } from "../../target/kernel";
import { jhash, jhash2 } from "./jhash";
import type { MapSnapshot, MapSpec } from "./map";
import { UnlistedMap } from "./unlisted";

/** The kernel's default number of hash functions when `map_extra` gives none. */
const DEFAULT_HASH_FUNCTIONS = 5;
const BITS_PER_LONG = 64;

/**
 * The bit array's size (kernel/bpf/bloom_filter.c bloom_map_alloc): max_entries × hashes × 7/5
 * (about 1/ln 2), at least a long's 64 bits, rounded up to a power of two; 2^32 bits past 2^31.
 */
export function bloomBits(maxEntries: number, hashes: number): number {
  const product = maxEntries * hashes;
  if (product > 0xffff_ffff) return 2 ** 32;
  const bits = Math.floor(product / 5) * 7;
  if (bits > 0xffff_ffff || bits > 2 ** 31) return 2 ** 32;
  if (bits <= BITS_PER_LONG) return BITS_PER_LONG;
  return 2 ** Math.ceil(Math.log2(bits));
}

/**
 * BPF_MAP_TYPE_BLOOM_FILTER: values are added (push) and tested (peek), never listed or removed.
 * The kernel seeds its hashes at random unless the map has BPF_F_ZERO_SEED; Tailscope always
 * seeds with zero, so a run is the same every time and, with the flag, bit for bit the kernel's.
 */
export class BloomFilterMap extends UnlistedMap {
  private readonly hashes: number;
  private readonly mask: number;
  /** The set bits, as a bitset of `mask + 1` bits, allocated as they are first set. */
  private bits = new Map<number, number>();
  /** How many values were added: what the graph shows of a map it cannot list. */
  private added = 0;

  constructor(spec: MapSpec) {
    super(spec, EOPNOTSUPP);
    this.hashes = spec.extra ? spec.extra & 0xf : DEFAULT_HASH_FUNCTIONS;
    this.mask = bloomBits(spec.maxEntries, this.hashes) - 1;
  }

  /** Whether the kernel's random seed was turned off, so the bits match the kernel's. */
  get zeroSeed(): boolean {
    return (this.spec.flags & BPF_F_ZERO_SEED) !== 0;
  }

  private bitOf(value: Uint8Array, index: number): number {
    const bytes = value.subarray(0, this.spec.valueSize);
    const hash = bytes.length % 4 === 0 ? jhash2(bytes, index) : jhash(bytes, index);
    return (hash & this.mask) >>> 0;
  }

  private test(bit: number): boolean {
    return ((this.bits.get(Math.floor(bit / 32)) ?? 0) & (1 << (bit % 32))) !== 0;
  }

  push(value: Uint8Array, flags: bigint): number {
    if (flags !== BPF_ANY) return -EINVAL;
    for (let i = 0; i < this.hashes; i++) {
      const bit = this.bitOf(value, i);
      const word = Math.floor(bit / 32);
      this.bits.set(word, (this.bits.get(word) ?? 0) | (1 << (bit % 32)));
    }
    this.added++;
    return 0;
  }

  peek(value: Uint8Array): number {
    for (let i = 0; i < this.hashes; i++) if (!this.test(this.bitOf(value, i))) return -ENOENT;
    return 0;
  }

  pop(): number {
    return -EOPNOTSUPP;
  }

  /** Values added so far, and the bits they set out of all. */
  fill(): { readonly added: number; readonly setBits: number; readonly bits: number } {
    let setBits = 0;
    for (const word of this.bits.values()) for (let w = word; w !== 0; w &= w - 1) setBits++;
    return { added: this.added, setBits, bits: this.mask + 1 };
  }

  /** The eBPF program should use map_push_elem (bloom_map_update_elem): -EINVAL. */
  override update(): number {
    return -EINVAL;
  }

  /** BPF_MAP_UPDATE_ELEM on a bloom filter adds the value, as a push does. */
  override userUpdate(_key: Uint8Array, value: Uint8Array, flags: bigint): number {
    return this.push(value, flags);
  }

  snapshot(): MapSnapshot {
    return { kind: "bloom", state: { bits: new Map(this.bits), added: this.added } };
  }

  restore(snapshot: MapSnapshot): void {
    const state = snapshot.state as { bits: Map<number, number>; added: number };
    this.bits = new Map(state.bits);
    this.added = state.added;
  }
}
