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
  /**
   * For a map value: which map, key and CPU copy it is (for the trace's map events); for a
   * global or the packet, a slot saying so (the trace records where their bytes came from).
   */
  mapSlot?: MapSlot;
  /**
   * For a large region (see trackedRegion): the pages written since the run began, so that a
   * checkpoint copies those, not the whole region.
   */
  readonly written?: Set<number>;
  /**
   * A pointer to the region's first byte, made once: a lookup returns it for every hit and each
   * program of a chain gets it as its context. Pointers are never changed, so one can be shared.
   */
  readonly origin: Pointer;
}

export interface MapSlot {
  /** The map's name, or the global's. */
  readonly map: string;
  /** The key's bytes in hex. */
  readonly key: string;
  /** The CPU whose copy this is, for per-CPU maps; null for a shared value. */
  readonly cpu: number | null;
  /** Set for a slot that is not a map value: a global variable or the packet's bytes. */
  readonly place?: "global" | "packet";
}

/** The slot every packet region carries: loads from it are recorded as packet reads. */
export const PACKET_SLOT: MapSlot = { map: "", key: "", cpu: null, place: "packet" };

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
 * Regions at least this large (a kernel-sized global array) keep track of the pages written to
 * them: their storage is only committed where touched (typed arrays start as zero pages), and a
 * checkpoint of the machine copies the written pages instead of the whole region.
 */
export const TRACKED_REGION_BYTES = 1 << 20;
const PAGE_SHIFT = 12;
export const PAGE_BYTES = 1 << PAGE_SHIFT;

/** Notes that `[offset, offset + length)` of a region's bytes is about to be written. */
export function markWritten(region: Region, offset: number, length: number): void {
  const written = region.written;
  if (!written || length <= 0) return;
  for (let page = offset >> PAGE_SHIFT; page <= (offset + length - 1) >> PAGE_SHIFT; page++)
    written.add(page);
}

/** A DataView that notes every page its setters write. */
class WriteTrackingView extends DataView<ArrayBufferLike> {
  constructor(
    bytes: Uint8Array,
    private readonly written: Set<number>,
  ) {
    super(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private note(offset: number, length: number): void {
    for (let page = offset >> PAGE_SHIFT; page <= (offset + length - 1) >> PAGE_SHIFT; page++)
      this.written.add(page);
  }
  override setInt8(offset: number, value: number): void {
    this.note(offset, 1);
    super.setInt8(offset, value);
  }
  override setUint8(offset: number, value: number): void {
    this.note(offset, 1);
    super.setUint8(offset, value);
  }
  override setInt16(offset: number, value: number, littleEndian?: boolean): void {
    this.note(offset, 2);
    super.setInt16(offset, value, littleEndian);
  }
  override setUint16(offset: number, value: number, littleEndian?: boolean): void {
    this.note(offset, 2);
    super.setUint16(offset, value, littleEndian);
  }
  override setInt32(offset: number, value: number, littleEndian?: boolean): void {
    this.note(offset, 4);
    super.setInt32(offset, value, littleEndian);
  }
  override setUint32(offset: number, value: number, littleEndian?: boolean): void {
    this.note(offset, 4);
    super.setUint32(offset, value, littleEndian);
  }
  override setFloat32(offset: number, value: number, littleEndian?: boolean): void {
    this.note(offset, 4);
    super.setFloat32(offset, value, littleEndian);
  }
  override setFloat64(offset: number, value: number, littleEndian?: boolean): void {
    this.note(offset, 8);
    super.setFloat64(offset, value, littleEndian);
  }
  override setBigInt64(offset: number, value: bigint, littleEndian?: boolean): void {
    this.note(offset, 8);
    super.setBigInt64(offset, value, littleEndian);
  }
  override setBigUint64(offset: number, value: bigint, littleEndian?: boolean): void {
    this.note(offset, 8);
    super.setBigUint64(offset, value, littleEndian);
  }
}

/**
 * Bytes that note the pages `set`, `fill` and `copyWithin` write. (An element assignment,
 * `bytes[i] = v`, cannot be noted: the runtime writes a large region through these, its view, or
 * after `markWritten`.) Slices and subarrays are plain Uint8Arrays.
 */
class WriteTrackingBytes extends Uint8Array {
  static get [Symbol.species]() {
    return Uint8Array;
  }
  declare written: Set<number>;
  private note(offset: number, length: number): void {
    for (let page = offset >> PAGE_SHIFT; page <= (offset + length - 1) >> PAGE_SHIFT; page++)
      this.written.add(page);
  }
  override set(array: ArrayLike<number>, offset = 0): void {
    if (array.length > 0) this.note(offset, array.length);
    super.set(array, offset);
  }
  override fill(value: number, start = 0, end = this.length): this {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    if (to > from) this.note(from, to - from);
    return super.fill(value, start, end);
  }
  override copyWithin(target: number, start: number, end = this.length): this {
    const length = Math.min(end, this.length) - start;
    if (length > 0) this.note(target, Math.min(length, this.length - target));
    return super.copyWithin(target, start, end);
  }
}

/**
 * A region of `size` zero bytes that keeps track of the pages written to it (see
 * TRACKED_REGION_BYTES): a kernel-sized global costs what the run touches.
 */
export function trackedRegion(kind: RegionKind, name: string, size: number, writable = true): Region {
  const written = new Set<number>();
  const bytes = new WriteTrackingBytes(size);
  bytes.written = written;
  const made = {
    kind,
    name,
    bytes: bytes as Uint8Array,
    start: 0,
    size,
    writable,
    view: new WriteTrackingView(bytes, written) as DataView,
    pointers: new PointerSlots(),
    written,
    origin: null as unknown as Pointer,
  };
  made.origin = { region: made, offset: 0 };
  return made;
}

/** A large region's written pages, copied: what a checkpoint keeps of it. */
export function writtenPages(region: Region): Map<number, Uint8Array> {
  const pages = new Map<number, Uint8Array>();
  for (const page of region.written ?? []) {
    const start = page << PAGE_SHIFT;
    pages.set(page, region.bytes.slice(start, Math.min(region.size, start + PAGE_BYTES)));
  }
  return pages;
}

/**
 * Back to saved pages: each page written since is set to its saved bytes, or to zeros if it had
 * not been written when they were saved; the region then counts as written where it was.
 */
export function restorePages(region: Region, saved: ReadonlyMap<number, Uint8Array>): void {
  const written = region.written;
  if (!written) return;
  for (const page of written) {
    const start = page << PAGE_SHIFT;
    const bytes = saved.get(page);
    if (bytes) region.bytes.set(bytes, start);
    else region.bytes.fill(0, start, Math.min(region.size, start + PAGE_BYTES));
  }
  written.clear();
  for (const page of saved.keys()) written.add(page);
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
