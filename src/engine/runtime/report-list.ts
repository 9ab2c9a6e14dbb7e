import type { PacketReport } from "./report";

/** Reports a chunk holds (2^CHUNK_BITS): small enough for V8 to keep a chunk out of its large-object space. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/**
 * A sequential run's packet reports, in packet order, kept in fixed-size chunks. One array of a
 * million reports grew by copying, and V8 put each new backing store past 128 KB in its young
 * large-object space, where every scavenge went over all of it again: with the copies, a fifth
 * of the seed's time per packet (callgrind). A chunk is filled once, and moves to the old
 * generation once.
 */
export class ReportList {
  private readonly chunks: PacketReport[][] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(report: PacketReport): void {
    const chunk = this.count >> CHUNK_BITS;
    const reports = this.chunks[chunk];
    if (reports === undefined) this.chunks.push([report]);
    else reports.push(report);
    this.count++;
  }

  /** Packet `index`'s report, or undefined past the reports made. */
  at(index: number): PacketReport | undefined {
    return index >= 0 && index < this.count
      ? this.chunks[index >> CHUNK_BITS][index & (CHUNK - 1)]
      : undefined;
  }

  /**
   * Sets how many packets have finished, as `array.length = n` would: a run gone back to a
   * checkpoint keeps the first `length` reports; one restored to a later checkpoint counts the
   * packets before it as finished, with no report kept for those it did not run (undefined).
   */
  setLength(length: number): void {
    while (this.count < length) this.push(undefined as unknown as PacketReport);
    if (length >= this.count) return;
    const chunk = length >> CHUNK_BITS;
    this.chunks.length = Math.ceil(length / CHUNK);
    if (chunk < this.chunks.length) this.chunks[chunk].length = length & (CHUNK - 1);
    this.count = length;
  }

  /** Every report, in one new array. */
  toArray(): PacketReport[] {
    // Sized at once: grown by pushes (or by `flat`), a million-report array is copied again and again.
    const all = new Array<PacketReport>(this.count);
    let i = 0;
    for (const chunk of this.chunks) for (const report of chunk) all[i++] = report;
    return all;
  }
}
