/** Kinds of memory a BPF program can point into; the verifier tracks the same distinction. */
export type RegionKind = "stack" | "map-value" | "context" | "packet" | "global";

/**
 * A contiguous piece of simulated memory: a window `[start, start + size)` of a byte array.
 * Pointers are a region plus an offset, so casts, pointer arithmetic and partial writes work
 * on bytes exactly as they do in the kernel.
 */
export interface Region {
  readonly kind: RegionKind;
  /** For messages: `stack of egress1`, `tail_context_map[0] (CPU 1)`, `.rodata` … */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly size: number;
  readonly writable: boolean;
  /** A little-endian view of `bytes`, made once per region for fast loads and stores. */
  readonly view: DataView;
  /**
   * Pointers stored in this region, by offset. A pointer is a region and an offset, not a
   * number, so it is kept beside the bytes (which hold its numeric address for casts and %p).
   */
  readonly pointers: PointerSlots;
  /** For a map value: which map, key and CPU copy it is (for the trace's map events). */
  mapSlot?: MapSlot;
  /**
   * A pointer to the region's first byte, made once: a lookup returns it for every hit and each
   * program of a chain gets it as its context. Pointers are never changed, so one can be shared.
   */
  readonly origin: Pointer;
}

export interface MapSlot {
  readonly map: string;
  /** The key's bytes in hex. */
  readonly key: string;
  /** The CPU whose copy this is, for per-CPU maps; null for a shared value. */
  readonly cpu: number | null;
}

export interface Pointer {
  readonly region: Region;
  readonly offset: number;
}

export function region(
  kind: RegionKind,
  name: string,
  bytes: Uint8Array,
  start = 0,
  size = bytes.length - start,
  writable = true,
): Region {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pointers = new PointerSlots();
  const made = {
    kind,
    name,
    bytes,
    start,
    size,
    writable,
    view,
    pointers,
    origin: null as unknown as Pointer,
  };
  made.origin = { region: made, offset: 0 };
  return made;
}

/**
 * The pointers kept in one region, by offset. A region holds a handful at most (a stack of 512
 * bytes has room for 64), so two short arrays searched in order beat a `Map`: no hashing, and
 * emptying them for the next frame allocates nothing (a frame's stack is emptied on every call).
 */
export class PointerSlots {
  private readonly offsets: number[] = [];
  private readonly values: unknown[] = [];
  /** Slots in use: the arrays keep their length, so emptying and refilling them allocates nothing. */
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(offset: number): unknown {
    const i = this.indexOf(offset);
    return i < 0 ? undefined : this.values[i];
  }

  set(offset: number, value: unknown): void {
    const i = this.indexOf(offset);
    if (i >= 0) {
      this.values[i] = value;
      return;
    }
    const at = this.count++;
    if (at < this.offsets.length) {
      this.offsets[at] = offset;
      this.values[at] = value;
    } else {
      this.offsets.push(offset);
      this.values.push(value);
    }
  }

  delete(offset: number): void {
    const i = this.indexOf(offset);
    if (i >= 0) this.removeAt(i);
  }

  /** Forgets every pointer whose 8 bytes overlap `[offset, offset + size)`. */
  forgetOverlapping(offset: number, size: number): void {
    for (let i = this.count - 1; i >= 0; i--) {
      const at = this.offsets[i];
      if (at + 8 > offset && at < offset + size) this.removeAt(i);
    }
  }

  clear(): void {
    // A loop, not fill(): a frame's stack holds one or two pointers, and fill is a call into V8.
    for (let i = 0; i < this.count; i++) this.values[i] = undefined;
    this.count = 0;
  }

  /** The offsets and pointers, for copies that outlive the region's next change. */
  entries(): [number, unknown][] {
    const entries: [number, unknown][] = [];
    for (let i = 0; i < this.count; i++) entries.push([this.offsets[i], this.values[i]]);
    return entries;
  }

  /** Replaces the contents with saved entries. */
  restore(entries: readonly (readonly [number, unknown])[]): void {
    this.clear();
    for (const [offset, value] of entries) this.set(offset, value);
  }

  private indexOf(offset: number): number {
    for (let i = 0; i < this.count; i++) if (this.offsets[i] === offset) return i;
    return -1;
  }

  private removeAt(i: number): void {
    const last = --this.count;
    this.offsets[i] = this.offsets[last];
    this.values[i] = this.values[last];
    this.values[last] = undefined;
  }
}
/** Forgets every pointer kept in a region (its bytes were cleared or replaced). */
export function forgetAllPointers(region: Region): void {
  if (region.pointers.size > 0) region.pointers.clear();
}

/** Whether `[offset, offset + size)` lies inside the region. */
export function inBounds(pointer: Pointer, size: number): boolean {
  return pointer.offset >= 0 && pointer.offset + size <= pointer.region.size;
}
