import { toHex } from "../../target/bytes";
import { E2BIG, EEXIST, EINVAL, ENOENT } from "../../target/errno";
import { BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST } from "../../target/kernel";
import { type Region, region } from "../memory";
import {
  compareBytes,
  type MapEntry,
  type MapImpl,
  type MapSnapshot,
  type MapSpec,
  perCpuStride,
} from "./map";

interface Element {
  readonly key: Uint8Array;
  /** One value, or one per CPU. */
  values: Uint8Array[];
  regions: Region[];
}

/**
 * BPF_MAP_TYPE_HASH, PERCPU_HASH, LRU_HASH and LRU_PERCPU_HASH (kernel/bpf/hashtab.c): an
 * element exists once inserted; a full map refuses new keys with -E2BIG, an LRU map evicts the
 * least recently used one instead. The kernel's LRU is approximate (per-CPU lists); Tailscope
 * evicts in exact least-recently-used order, which is deterministic.
 */
export class HashMap implements MapImpl {
  /** Keyed by the key's hex; insertion order doubles as recency for LRU maps. */
  private readonly elements = new Map<string, Element>();

  constructor(
    readonly spec: MapSpec,
    readonly perCpu: boolean,
    private readonly lru: boolean,
    private readonly cpus: number,
  ) {}

  private find(key: Uint8Array): Element | undefined {
    const id = toHex(key.subarray(0, this.spec.keySize));
    const element = this.elements.get(id);
    if (element && this.lru) {
      this.elements.delete(id);
      this.elements.set(id, element);
    }
    return element;
  }

  lookup(key: Uint8Array, cpu: number): Region | null {
    const element = this.find(key);
    if (!element) return null;
    return element.regions[this.perCpu ? cpu : 0];
  }

  update(key: Uint8Array, value: Uint8Array, flags: bigint, cpu: number): number {
    return this.write(key, flags, (element, fresh) => {
      const copies = this.perCpu && !fresh ? [cpu] : element.values.map((_, i) => i);
      for (const c of copies) {
        const bytes =
          this.perCpu && fresh && c !== cpu
            ? new Uint8Array(this.spec.valueSize)
            : value.slice(0, this.spec.valueSize);
        this.replaceValue(element, c, bytes, !this.perCpu);
      }
    });
  }

  userUpdate(key: Uint8Array, value: Uint8Array, flags: bigint): number {
    const stride = perCpuStride(this.spec.valueSize);
    return this.write(key, flags, (element) => {
      element.values.forEach((_, c) => {
        const source = this.perCpu && value.length >= stride * this.cpus ? c * stride : 0;
        this.replaceValue(element, c, value.slice(source, source + this.spec.valueSize), !this.perCpu);
      });
    });
  }

  /** `htab_map_update_elem`: flags, then BPF_NOEXIST/BPF_EXIST against the element, then room. */
  private write(key: Uint8Array, flags: bigint, fill: (element: Element, fresh: boolean) => void): number {
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) return -EINVAL;
    // BPF_F_LOCK needs a struct bpf_spin_lock in the value; the LRU and per-CPU kinds refuse
    // the flag outright [E] 6.18. With a lock, the update is an ordinary one here: the lock's
    // bytes are zero whenever no program holds it.
    if (flags & BPF_F_LOCK && (this.spec.spinLockOffset == null || this.lru || this.perCpu)) return -EINVAL;
    const existing = this.find(key);
    if (existing && flags & BPF_NOEXIST) return -EEXIST;
    if (!existing && flags & BPF_EXIST) return -ENOENT;
    if (existing) {
      fill(existing, false);
      return 0;
    }
    if (this.elements.size >= this.spec.maxEntries) {
      if (!this.lru) return -E2BIG;
      const oldest = this.elements.keys().next().value as string;
      this.elements.delete(oldest);
    }
    const element: Element = { key: key.slice(0, this.spec.keySize), values: [], regions: [] };
    const copies = this.perCpu ? this.cpus : 1;
    for (let c = 0; c < copies; c++) this.replaceValue(element, c, new Uint8Array(this.spec.valueSize), true);
    fill(element, true);
    this.elements.set(toHex(element.key), element);
    return 0;
  }

  /**
   * A plain hash map replaces the element on update (old pointers keep the old bytes, as after
   * the kernel's RCU replacement); a per-CPU hash copies into the existing value.
   */
  private replaceValue(element: Element, cpu: number, bytes: Uint8Array, replace: boolean): void {
    if (!replace && element.values[cpu]) {
      element.values[cpu].set(bytes);
      return;
    }
    const copy = new Uint8Array(this.spec.valueSize);
    copy.set(bytes);
    element.values[cpu] = copy;
    const name = `${this.spec.name}[${toHex(element.key)}]${this.perCpu ? ` (CPU ${cpu})` : ""}`;
    element.regions[cpu] = region("map-value", name, copy);
    element.regions[cpu].mapSlot = {
      map: this.spec.name,
      key: toHex(element.key),
      cpu: this.perCpu ? cpu : null,
    };
  }

  /** In insertion order (the kernel's is its buckets', which a random seed decides). */
  *elementsOn(cpu: number): Iterable<{ readonly key: Uint8Array; readonly value: Region }> {
    for (const element of [...this.elements.values()])
      if (this.elements.get(toHex(element.key)) === element)
        yield { key: element.key, value: element.regions[this.perCpu ? cpu : 0] };
  }

  delete(key: Uint8Array): number {
    const id = toHex(key.subarray(0, this.spec.keySize));
    return this.elements.delete(id) ? 0 : -ENOENT;
  }

  userDelete(key: Uint8Array): number {
    return this.delete(key);
  }

  entries(): MapEntry[] {
    return [...this.elements.values()]
      .sort((a, b) => compareBytes(a.key, b.key))
      .map((e) => ({ key: e.key, values: e.values.map((v) => v.slice()) }));
  }

  /** Elements in insertion (for LRU: recency) order, keys and values copied. */
  omitted(): number {
    return 0;
  }

  snapshot(): MapSnapshot {
    const elements = [...this.elements.values()].map((e) => ({
      key: e.key.slice(),
      values: e.values.map((v) => v.slice()),
    }));
    return { kind: "hash", state: elements };
  }

  restore(snapshot: MapSnapshot): void {
    this.elements.clear();
    for (const saved of snapshot.state as { key: Uint8Array; values: Uint8Array[] }[]) {
      const element: Element = { key: saved.key.slice(), values: [], regions: [] };
      saved.values.forEach((value, cpu) => {
        this.replaceValue(element, cpu, value, true);
      });
      this.elements.set(toHex(element.key), element);
    }
  }
}
