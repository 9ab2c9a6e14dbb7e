import { toHex } from "../../target/bytes";
import { E2BIG, EEXIST, EINVAL } from "../../target/errno";
import { BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST } from "../../target/kernel";
import { forgetAllPointers, type Region, region } from "../memory";
import {
  indexKey,
  keyIndex,
  type MapEntry,
  type MapImpl,
  type MapSnapshot,
  type MapSpec,
  perCpuStride,
} from "./map";

/**
 * BPF_MAP_TYPE_ARRAY and PERCPU_ARRAY (kernel/bpf/arraymap.c): every element exists from
 * creation, zeroed; one copy shared by all CPUs, or one per CPU.
 */
export class ArrayMap implements MapImpl {
  private readonly stride: number;
  /** One backing store, or one per CPU. */
  private readonly stores: Uint8Array[];
  private readonly regions: Region[][];

  constructor(
    readonly spec: MapSpec,
    readonly perCpu: boolean,
    cpus: number,
  ) {
    this.stride = perCpuStride(spec.valueSize);
    const copies = perCpu ? cpus : 1;
    this.stores = Array.from({ length: copies }, () => new Uint8Array(this.stride * spec.maxEntries));
    this.regions = this.stores.map((bytes, cpu) =>
      Array.from({ length: spec.maxEntries }, (_, index) => {
        const value = region(
          "map-value",
          `${spec.name}[${index}]${perCpu ? ` (CPU ${cpu})` : ""}`,
          bytes,
          index * this.stride,
          spec.valueSize,
        );
        value.mapSlot = { map: spec.name, key: toHex(indexKey(index)), cpu: perCpu ? cpu : null };
        return value;
      }),
    );
  }

  lookup(key: Uint8Array, cpu: number): Region | null {
    return this.lookupIndex(keyIndex(key), cpu);
  }

  /** The element at an index (the key's u32), or null past the end. */
  lookupIndex(index: number, cpu: number): Region | null {
    if (index >= this.spec.maxEntries) return null;
    return this.regions[this.perCpu ? cpu : 0][index];
  }

  /** `array_map_update_elem`: flag check, then index, then BPF_NOEXIST, in the kernel's order. */
  update(key: Uint8Array, value: Uint8Array, flags: bigint, cpu: number): number {
    const index = keyIndex(key);
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) return -EINVAL;
    if (index >= this.spec.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    // Last, as the kernel checks it: no value here holds the bpf_spin_lock the flag needs.
    if (flags & BPF_F_LOCK) return -EINVAL;
    this.stores[this.perCpu ? cpu : 0].set(value.subarray(0, this.spec.valueSize), index * this.stride);
    return 0;
  }

  /** Array elements cannot be deleted. */
  delete(_key: Uint8Array): number {
    return -EINVAL;
  }

  /** From user space a per-CPU update carries one value per CPU, `round_up(value_size, 8)` apart. */
  userUpdate(key: Uint8Array, value: Uint8Array, flags: bigint): number {
    const index = keyIndex(key);
    // The syscall refuses BPF_F_LOCK on a value without a spin lock before the map sees it.
    if (flags & BPF_F_LOCK) return -EINVAL;
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) return -EINVAL;
    if (index >= this.spec.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    this.stores.forEach((store, cpu) => {
      const source = this.perCpu && value.length >= this.stride * this.stores.length ? cpu * this.stride : 0;
      store.set(value.subarray(source, source + this.spec.valueSize), index * this.stride);
    });
    return 0;
  }

  userDelete(_key: Uint8Array): number {
    return -EINVAL;
  }

  entries(): MapEntry[] {
    return Array.from({ length: this.spec.maxEntries }, (_, index) => ({
      key: indexKey(index),
      values: this.stores.map((store) =>
        store.slice(index * this.stride, index * this.stride + this.spec.valueSize),
      ),
    }));
  }

  snapshot(): MapSnapshot {
    return { kind: "array", state: this.stores.map((store) => store.slice()) };
  }

  restore(snapshot: MapSnapshot): void {
    (snapshot.state as Uint8Array[]).forEach((saved, i) => {
      this.stores[i].set(saved);
    });
    for (const regions of this.regions) for (const r of regions) forgetAllPointers(r);
  }
}
