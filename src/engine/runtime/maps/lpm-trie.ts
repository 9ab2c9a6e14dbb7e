import { toHex } from "../../target/bytes";
import { EEXIST, EINVAL, ENOENT, ENOSPC } from "../../target/errno";
import { BPF_EXIST, BPF_NOEXIST } from "../../target/kernel";
import { type Region, region } from "../memory";
import { compareBytes, type MapEntry, type MapImpl, type MapSnapshot, type MapSpec } from "./map";

interface Prefix {
  /** The key as last written: prefixlen and every data byte, bits past the prefix included. */
  readonly key: Uint8Array;
  readonly value: Uint8Array;
  readonly region: Region;
}

/**
 * BPF_MAP_TYPE_LPM_TRIE (kernel/bpf/lpm_trie.c): keys are `struct { __u32 prefixlen; __u8
 * data[]; }` and a lookup finds the longest stored prefix of the key's first `prefixlen` bits.
 * Prefixes are kept by length, each under its masked bytes, so a lookup tries the key's own
 * length and then each shorter one. Update and delete match a prefix exactly; the kernel keeps
 * the data bytes as written (past the prefix too), and so does the report.
 */
export class LpmTrieMap implements MapImpl {
  readonly perCpu = false;
  private readonly maxPrefixLength: number;
  /** By prefix length, then by the masked data bytes' hex. */
  private readonly byLength = new Map<number, Map<string, Prefix>>();
  private count = 0;

  constructor(readonly spec: MapSpec) {
    this.maxPrefixLength = (spec.keySize - 4) * 8;
  }

  private static prefixLength(key: Uint8Array): number {
    return (key[0] | (key[1] << 8) | (key[2] << 16) | (key[3] << 24)) >>> 0;
  }

  /** The data's first `length` bits, the rest zeroed, as hex. */
  private masked(key: Uint8Array, length: number): string {
    const data = key.slice(4, this.spec.keySize);
    for (let bit = length; bit < data.length * 8; bit++) data[bit >> 3] &= ~(0x80 >> (bit & 7));
    return toHex(data);
  }

  private find(key: Uint8Array, length: number): Prefix | undefined {
    return this.byLength.get(length)?.get(this.masked(key, length));
  }

  /** trie_lookup_elem: the longest prefix no longer than the key's own that its bits match. */
  lookup(key: Uint8Array): Region | null {
    const longest = Math.min(LpmTrieMap.prefixLength(key), this.maxPrefixLength);
    for (let length = longest; length >= 0; length--) {
      if (!this.byLength.has(length)) continue;
      const found = this.find(key, length);
      if (found) return found.region;
    }
    return null;
  }

  /** trie_update_elem: flags, the prefix's length, then BPF_NOEXIST/BPF_EXIST, then room. */
  update(key: Uint8Array, value: Uint8Array, flags: bigint, _cpu = 0): number {
    if (flags > BPF_EXIST) return -EINVAL;
    const length = LpmTrieMap.prefixLength(key);
    if (length > this.maxPrefixLength) return -EINVAL;
    const existing = this.find(key, length);
    if (existing && flags === BPF_NOEXIST) return -EEXIST;
    if (!existing) {
      if (flags === BPF_EXIST) return -ENOENT;
      if (this.count >= this.spec.maxEntries) return -ENOSPC;
      this.count++;
    }
    this.store(key.slice(0, this.spec.keySize), value.slice(0, this.spec.valueSize));
    return 0;
  }

  private store(key: Uint8Array, bytes: Uint8Array): void {
    const length = LpmTrieMap.prefixLength(key);
    let prefixes = this.byLength.get(length);
    if (!prefixes) this.byLength.set(length, (prefixes = new Map()));
    const value = new Uint8Array(this.spec.valueSize);
    value.set(bytes);
    const held = region("map-value", `${this.spec.name}[${toHex(key)}]`, value);
    held.mapSlot = { map: this.spec.name, key: toHex(key), cpu: null };
    prefixes.set(this.masked(key, length), { key, value, region: held });
  }

  /** trie_delete_elem: only a stored prefix of exactly the key's length and bits. */
  delete(key: Uint8Array): number {
    const length = LpmTrieMap.prefixLength(key);
    if (length > this.maxPrefixLength) return -EINVAL;
    const prefixes = this.byLength.get(length);
    if (!prefixes?.delete(this.masked(key, length))) return -ENOENT;
    if (prefixes.size === 0) this.byLength.delete(length);
    this.count--;
    return 0;
  }

  userUpdate(key: Uint8Array, value: Uint8Array, flags: bigint): number {
    return this.update(key, value, flags);
  }

  userDelete(key: Uint8Array): number {
    return this.delete(key);
  }

  /** Every prefix, by its key's bytes (the order the report lists a hash map in). */
  entries(): MapEntry[] {
    return this.all()
      .sort((a, b) => compareBytes(a.key, b.key))
      .map((p) => ({ key: p.key.slice(), values: [p.value.slice()] }));
  }

  private all(): Prefix[] {
    return [...this.byLength.values()].flatMap((prefixes) => [...prefixes.values()]);
  }

  omitted(): number {
    return 0;
  }

  snapshot(): MapSnapshot {
    return { kind: "lpm", state: this.all().map((p) => ({ key: p.key.slice(), value: p.value.slice() })) };
  }

  restore(snapshot: MapSnapshot): void {
    this.byLength.clear();
    const saved = snapshot.state as { key: Uint8Array; value: Uint8Array }[];
    for (const { key, value } of saved) this.store(key.slice(), value);
    this.count = saved.length;
  }
}
