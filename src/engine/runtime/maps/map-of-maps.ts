import { innerMapRefusal } from "../../loader/map-in-map";
import { toHex } from "../../target/bytes";
import { E2BIG, EEXIST, EINVAL, ENOENT } from "../../target/errno";
import { BPF_ANY, BPF_EXIST, BPF_NOEXIST } from "../../target/kernel";
import type { MapHandle } from "../values";
import { compareBytes, keyIndex, type MapSnapshot, type MapSpec } from "./map";
import { UnlistedMap } from "./unlisted";

/** A slot of a map of maps: its key and the map in it. */
export interface InnerMapEntry {
  readonly key: Uint8Array;
  readonly map: MapHandle;
}

/**
 * BPF_MAP_TYPE_ARRAY_OF_MAPS and HASH_OF_MAPS (kernel/bpf/arraymap.c, hashtab.c, map_in_map.c):
 * slots hold maps, put there and taken out only from user space, each of the inner map's
 * shape; a program's lookup gives the map itself (or NULL), to pass to the map helpers.
 */
export class MapOfMaps extends UnlistedMap {
  /** Keyed by the key's hex. */
  private readonly slots = new Map<string, InnerMapEntry>();

  constructor(
    spec: MapSpec,
    /** The inner map it was created with, which every map put in it must match. */
    readonly template: MapSpec,
  ) {
    super(spec, EINVAL);
  }

  private get isArray(): boolean {
    return this.spec.typeName === "array_of_maps";
  }

  /** The map at `key` as a program's lookup sees it, or null. */
  innerAt(key: Uint8Array): MapHandle | null {
    if (this.isArray && keyIndex(key) >= this.spec.maxEntries) return null;
    return this.slots.get(toHex(key.subarray(0, this.spec.keySize)))?.map ?? null;
  }

  /**
   * `BPF_MAP_UPDATE_ELEM` with a map's fd: a map of another shape is -EINVAL; an array refuses an
   * index past its end (-E2BIG) and flags but BPF_ANY; a full hash a new key (-E2BIG).
   */
  setInner(key: Uint8Array, inner: MapHandle, flags: bigint = BPF_ANY): number {
    const id = toHex(key.subarray(0, this.spec.keySize));
    if (this.isArray) {
      if (flags !== BPF_ANY) return -EINVAL;
      if (keyIndex(key) >= this.spec.maxEntries) return -E2BIG;
    }
    const refusal = innerMapRefusal(this.template, inner.map.spec);
    if (refusal !== null) return refusal;
    if (!this.isArray) {
      const exists = this.slots.has(id);
      if (flags === BPF_NOEXIST && exists) return -EEXIST;
      if (flags === BPF_EXIST && !exists) return -ENOENT;
      if (!exists && this.slots.size >= this.spec.maxEntries) return -E2BIG;
    }
    this.slots.set(id, { key: key.slice(0, this.spec.keySize), map: inner });
    return 0;
  }

  /** An array's slot past its end is -E2BIG; an empty slot or missing key -ENOENT. */
  override userDelete(key: Uint8Array): number {
    if (this.isArray && keyIndex(key) >= this.spec.maxEntries) return -E2BIG;
    return this.slots.delete(toHex(key.subarray(0, this.spec.keySize))) ? 0 : -ENOENT;
  }

  /** The filled slots, arrays by index and hashes by their key's bytes, as the report lists them. */
  innerMaps(): InnerMapEntry[] {
    const all = [...this.slots.values()];
    return this.isArray
      ? all.sort((a, b) => keyIndex(a.key) - keyIndex(b.key))
      : all.sort((a, b) => compareBytes(a.key, b.key));
  }

  snapshot(): MapSnapshot {
    return { kind: "map_of_maps", state: new Map(this.slots) };
  }

  restore(snapshot: MapSnapshot): void {
    this.slots.clear();
    for (const [id, entry] of snapshot.state as Map<string, InnerMapEntry>) this.slots.set(id, entry);
  }
}
