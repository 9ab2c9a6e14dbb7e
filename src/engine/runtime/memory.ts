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
  pointers: Map<number, unknown>;
  /** For a map value: which map, key and CPU copy it is (for the trace's map events). */
  mapSlot?: MapSlot;
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
  return { kind, name, bytes, start, size, writable, view, pointers: new Map() };
}

/**
 * Forgets every pointer kept in a region (its bytes were cleared or replaced). A new table,
 * not `Map#clear`: on a table that has lived long, clearing measured at a microsecond, which a
 * stack cleared for every frame of a million packets turned into seconds.
 */
export function forgetAllPointers(region: Region): void {
  if (region.pointers.size > 0) region.pointers = new Map();
}

/** Whether `[offset, offset + size)` lies inside the region. */
export function inBounds(pointer: Pointer, size: number): boolean {
  return pointer.offset >= 0 && pointer.offset + size <= pointer.region.size;
}
