import { toHex } from "../target/bytes";

/** Entries per chunk of a column: 2^16, so an index splits with a shift and a mask. */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/**
 * A column of 32-bit integers in fixed-size chunks: millions of events without millions of
 * objects, and growing never copies (a doubling array copied the whole trace again and again,
 * and fresh zeroed memory was the trace's largest cost). Two classes, not one generic: each
 * push site then sees one array type (monomorphic).
 */
export class IntColumn {
  length = 0;
  private readonly chunks: Int32Array[] = [];
  private current = new Int32Array(0);

  push(value: number): void {
    const slot = this.length & CHUNK_MASK;
    if (slot === 0) {
      this.current = new Int32Array(CHUNK_SIZE);
      this.chunks.push(this.current);
    }
    this.current[slot] = value;
    this.length++;
  }

  at(index: number): number {
    return this.chunks[index >>> CHUNK_BITS][index & CHUNK_MASK];
  }

  bytes(): number {
    return this.chunks.length * CHUNK_SIZE * 4;
  }
}

export class FloatColumn {
  length = 0;
  private readonly chunks: Float64Array[] = [];
  private current = new Float64Array(0);

  push(value: number): void {
    const slot = this.length & CHUNK_MASK;
    if (slot === 0) {
      this.current = new Float64Array(CHUNK_SIZE);
      this.chunks.push(this.current);
    }
    this.current[slot] = value;
    this.length++;
  }

  at(index: number): number {
    return this.chunks[index >>> CHUNK_BITS][index & CHUNK_MASK];
  }

  bytes(): number {
    return this.chunks.length * CHUNK_SIZE * 8;
  }
}

/** Bytes appended end to end in fixed-size chunks; an entry is its start and length. */
export class ByteArena {
  private readonly chunks: Uint8Array[] = [];
  private current = new Uint8Array(0);
  private used = 0;

  /** Stores `bytes`, returning where (chunk << 20 | offset); one entry never spans chunks. */
  append(bytes: Uint8Array): number {
    if (this.used + bytes.length > this.current.length) {
      this.current = new Uint8Array(Math.max(ARENA_CHUNK, bytes.length));
      this.chunks.push(this.current);
      this.used = 0;
    }
    const at = ((this.chunks.length - 1) << ARENA_BITS) | this.used;
    this.current.set(bytes, this.used);
    this.used += bytes.length;
    return at;
  }

  hex(at: number, length: number): string {
    const chunk = this.chunks[at >>> ARENA_BITS];
    const start = at & (ARENA_CHUNK - 1);
    return toHex(chunk?.subarray(start, start + length) ?? new Uint8Array(0));
  }

  bytes(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }
}

const ARENA_BITS = 20;
const ARENA_CHUNK = 1 << ARENA_BITS;

/** Strings stored once, referred to by number. */
export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The string's id, or -1 when it was never stored (nothing recorded mentions it). */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

/**
 * The index of the first event of a column (`words` per event, its step first, in step order)
 * whose step is past `step`; `count` when none is. A binary search: a question about one step
 * of a long run reads the events near it, not the whole run's.
 */
export function firstPast(column: IntColumn, words: number, count: number, step: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (column.at(middle * words) <= step) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether bytes `[a, a + aSize)` and `[b, b + bSize)` share one. */
export function overlaps(a: number, aSize: number, b: number, bSize: number): boolean {
  return a < b + bSize && b < a + aSize;
}
