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
 * Arrays whose every element is listed in a report (contract.md §2: "array maps list every
 * index") when they have at most this many values (elements times copies) and these take at most
 * FULL_LISTING_BYTES; a larger array lists the elements a program or the control plane reached,
 * and counts the rest, which are all zeros. Every step's view lists a map again: a kernel-sized
 * array listed whole would cost more than the rest of the step.
 */
export const FULL_LISTING_VALUES = 4096;
export const FULL_LISTING_BYTES = 1 << 20;

/** Elements of each copy whose memory is found by index without a `Map` lookup. */
const FIRST_CELLS = 16;

/**
 * BPF_MAP_TYPE_ARRAY and PERCPU_ARRAY (kernel/bpf/arraymap.c): every element exists from
 * creation, zeroed; one copy shared by all CPUs, or one per CPU. Storage is made for an element
 * (and a CPU's copy) when something first reaches it, so a kernel-sized array (a million
 * elements of 4 KB on every CPU) costs what the run touches.
 */
export class ArrayMap implements MapImpl {
  private readonly stride: number;
  private readonly copies: number;
  /** Per copy (one, or one per CPU): the elements reached so far, by index. */
  private readonly cells: Map<number, Region>[];
  /** Elements reached only after a restored snapshot, zeroed: reused when reached again. */
  private readonly spare: Map<number, Region>[];

  constructor(
    readonly spec: MapSpec,
    readonly perCpu: boolean,
    cpus: number,
  ) {
    this.stride = perCpuStride(spec.valueSize);
    this.copies = perCpu ? cpus : 1;
    this.cells = Array.from({ length: this.copies }, () => new Map<number, Region>());
    this.spare = Array.from({ length: this.copies }, () => new Map<number, Region>());
    this.firstCells = Array.from({ length: this.copies }, () => []);
  }

  /**
   * Per copy, the first elements reached, by index: what `cells` holds for them, read without a
   * `Map` lookup (most lookups are of key 0 of a small array, a per-CPU scratch value).
   */
  private readonly firstCells: (Region | undefined)[][];

  /** The element's memory in one copy, made (zeroed) the first time it is reached. */
  private cell(index: number, copy: number): Region {
    const first = this.firstCells[copy];
    if (index < FIRST_CELLS) {
      const cached = first[index];
      if (cached !== undefined) return cached;
    }
    const value = this.reach(index, copy);
    if (index < FIRST_CELLS) first[index] = value;
    return value;
  }

  private reach(index: number, copy: number): Region {
    const cells = this.cells[copy];
    let value = cells.get(index);
    if (value !== undefined) return value;
    value = this.spare[copy].get(index);
    if (value) cells.set(index, value);
    else {
      const { name, valueSize } = this.spec;
      value = region(
        "map-value",
        `${name}[${index}]${this.perCpu ? ` (CPU ${copy})` : ""}`,
        new Uint8Array(this.stride),
        0,
        valueSize,
      );
      value.mapSlot = { map: name, key: toHex(indexKey(index)), cpu: this.perCpu ? copy : null };
      cells.set(index, value);
    }
    return value;
  }

  lookup(key: Uint8Array, cpu: number): Region | null {
    return this.lookupIndex(keyIndex(key), cpu);
  }

  *elementsOn(cpu: number): Iterable<{ readonly key: Uint8Array; readonly value: Region }> {
    for (let index = 0; index < this.spec.maxEntries; index++)
      yield { key: indexKey(index), value: this.cell(index, this.perCpu ? cpu : 0) };
  }

  /** The element at an index (the key's u32), or null past the end. */
  lookupIndex(index: number, cpu: number): Region | null {
    if (index >= this.spec.maxEntries) return null;
    return this.cell(index, this.perCpu ? cpu : 0);
  }

  /** `array_map_update_elem`: flag check, then index, then BPF_NOEXIST, in the kernel's order. */
  update(key: Uint8Array, value: Uint8Array, flags: bigint, cpu: number): number {
    const index = keyIndex(key);
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) return -EINVAL;
    if (index >= this.spec.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    // Last, as the kernel checks it: the flag needs a bpf_spin_lock in the value.
    if (flags & BPF_F_LOCK && this.spec.spinLockOffset == null) return -EINVAL;
    this.cell(index, this.perCpu ? cpu : 0).bytes.set(value.subarray(0, this.spec.valueSize));
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
    if (flags & BPF_F_LOCK && this.spec.spinLockOffset == null) return -EINVAL;
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) return -EINVAL;
    if (index >= this.spec.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    for (let copy = 0; copy < this.copies; copy++) {
      const source = this.perCpu && value.length >= this.stride * this.copies ? copy * this.stride : 0;
      this.cell(index, copy).bytes.set(value.subarray(source, source + this.spec.valueSize));
    }
    return 0;
  }

  userDelete(_key: Uint8Array): number {
    return -EINVAL;
  }

  /** Whether a report lists every element, or only those reached (see FULL_LISTING_BYTES). */
  private get listsAll(): boolean {
    const values = this.spec.maxEntries * this.copies;
    return values <= FULL_LISTING_VALUES && values * this.spec.valueSize <= FULL_LISTING_BYTES;
  }

  entries(): MapEntry[] {
    const indexes = this.listsAll
      ? Array.from({ length: this.spec.maxEntries }, (_, index) => index)
      : [...new Set(this.cells.flatMap((cells) => [...cells.keys()]))].sort((a, b) => a - b);
    const zeros = new Uint8Array(this.spec.valueSize);
    return indexes.map((index) => ({
      key: indexKey(index),
      values: this.cells.map(
        (cells) => cells.get(index)?.bytes.slice(0, this.spec.valueSize) ?? zeros.slice(),
      ),
    }));
  }

  omitted(): number {
    if (this.listsAll) return 0;
    return this.spec.maxEntries - new Set(this.cells.flatMap((cells) => [...cells.keys()])).size;
  }

  snapshot(): MapSnapshot {
    return {
      kind: "array",
      state: this.cells.map(
        (cells) => new Map([...cells].map(([index, value]) => [index, value.bytes.slice()])),
      ),
    };
  }

  /**
   * Back to a snapshot. An element's memory keeps its identity (a paused packet may point into
   * it): bytes are copied back, and an element reached only after the snapshot is zeroed and set
   * aside, not reached as far as the run is concerned.
   */
  restore(snapshot: MapSnapshot): void {
    (snapshot.state as Map<number, Uint8Array>[]).forEach((saved, copy) => {
      const cells = this.cells[copy];
      for (const [index, value] of cells) {
        const bytes = saved.get(index);
        forgetAllPointers(value);
        if (bytes) value.bytes.set(bytes);
        else {
          value.bytes.fill(0);
          cells.delete(index);
          if (index < FIRST_CELLS) this.firstCells[copy][index] = undefined;
          this.spare[copy].set(index, value);
        }
      }
      for (const [index, bytes] of saved) if (!cells.has(index)) this.cell(index, copy).bytes.set(bytes);
    });
  }
}
