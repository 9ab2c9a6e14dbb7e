import type { Region } from "../memory";

/** The properties of a map that its implementation needs (from the loader's MapDefinition). */
export interface MapSpec {
  readonly name: string;
  readonly typeName: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  /** `map_extra`: a bloom filter's number of hash functions (0: the kernel's default of 5). */
  readonly extra?: number;
  /** Where the value's struct bpf_spin_lock is (BPF_F_LOCK updates need one), or null. */
  readonly spinLockOffset?: number | null;
  /** A map of maps' inner map, whose shape every map put in it must have. */
  readonly inner?: MapSpec | null;
}

/** An entry as the run report lists it: raw key, and one value (or one per CPU). */
export interface MapEntry {
  readonly key: Uint8Array;
  readonly values: readonly Uint8Array[];
}

/**
 * One map family's semantics, as the kernel implements them. BPF-side operations run on one
 * CPU (per-CPU maps see that CPU's copy); user-side ones are the control plane's syscalls.
 * Every operation returns 0 or a negative errno, as the helpers and `bpf()` do.
 */
export interface MapImpl {
  readonly spec: MapSpec;
  readonly perCpu: boolean;
  /** `bpf_map_lookup_elem` from a program: the value's memory on `cpu`, or null. */
  lookup(key: Uint8Array, cpu: number): Region | null;
  /** `bpf_map_update_elem` from a program on `cpu`. */
  update(key: Uint8Array, value: Uint8Array, flags: bigint, cpu: number): number;
  /** `bpf_map_delete_elem` from a program. */
  delete(key: Uint8Array): number;
  /** `BPF_MAP_UPDATE_ELEM` from user space; a per-CPU value is written to every CPU. */
  userUpdate(key: Uint8Array, value: Uint8Array, flags: bigint): number;
  userDelete(key: Uint8Array): number;
  /** Entries in report order: arrays by index, hashes by raw key bytes. */
  entries(): MapEntry[];
  /** Elements left out of `entries()`: a large array lists only those a run reached. */
  omitted(): number;
  /**
   * The map's whole state, copied, for time travel. Taken and restored only between packets,
   * when no program holds a pointer into the map.
   */
  snapshot(): MapSnapshot;
  restore(snapshot: MapSnapshot): void;
  /**
   * `bpf_map_push_elem`, `bpf_map_pop_elem`, `bpf_map_peek_elem` (and a keyless map's
   * BPF_MAP_UPDATE_ELEM): only the maps that have values without keys — queue, stack, bloom
   * filter. The verifier refuses these helpers with any other map.
   */
  push?(value: Uint8Array, flags: bigint): number;
  /**
   * The elements `bpf_for_each_map_elem` visits, in its order, each value as `cpu` sees it:
   * arrays and hashes have them; other maps refuse the helper at load.
   */
  elementsOn?(cpu: number): Iterable<{ readonly key: Uint8Array; readonly value: Region }>;
  /**
   * The records a packet sent to user space (a ring buffer's or a perf event array's), taken
   * as user space reads them when the packet ends.
   */
  drain?(packet: number): Uint8Array[];
  pop?(into: Uint8Array): number;
  peek?(into: Uint8Array): number;
}

/** An opaque copy of a map's state; only the map that made it can read it. */
export type MapSnapshot = { readonly kind: string; readonly state: unknown };

export function keyIndex(key: Uint8Array): number {
  return (key[0] | (key[1] << 8) | (key[2] << 16) | (key[3] << 24)) >>> 0;
}

export function indexKey(index: number): Uint8Array {
  return Uint8Array.of(index & 0xff, (index >>> 8) & 0xff, (index >>> 16) & 0xff, (index >>> 24) & 0xff);
}

/** Per-CPU values are stored `round_up(value_size, 8)` bytes apart (kernel/bpf/arraymap.c). */
export function perCpuStride(valueSize: number): number {
  return Math.ceil(valueSize / 8) * 8;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
