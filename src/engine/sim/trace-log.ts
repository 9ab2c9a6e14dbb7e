import type { TraceRecorder } from "./trace";

/** Some lines of the trace log, and how many there are in all. */
export interface TraceLogWindow {
  readonly total: number;
  /** Of the matching lines, how many had been printed by the step asked about (all without one). */
  readonly printed: number;
  readonly lines: readonly {
    readonly index: number;
    readonly step: number;
    readonly cpu: number;
    readonly program: string;
    readonly line: string;
  }[];
}

/**
 * The printk lines of a run as trace_pipe prints them, read a window at a time, optionally only
 * one CPU's or one program's; each filter's matching lines are found once.
 */
export class TraceLog {
  private readonly filters = new Map<string, Int32Array | null>();

  constructor(private readonly trace: TraceRecorder) {}

  /**
   * `count` lines from `from` on, among those that match: `total` says how many match, and
   * `printed` how many of those the run had printed by `step` statements.
   */
  window(
    from: number,
    count: number,
    cpu: number | null,
    program: string | null,
    step: number | null = null,
  ): TraceLogWindow {
    const trace = this.trace;
    const matching = this.matching(cpu, program);
    const total = matching ? matching.length : trace.printkCount;
    const lines = [];
    for (let i = Math.max(0, from); i < Math.min(total, from + count); i++)
      lines.push({ index: i, ...trace.printkAt(matching ? matching[i] : i) });
    const printed = step === null ? total : this.printedBy(step, matching, total);
    return { total, printed, lines };
  }

  private matching(cpu: number | null, program: string | null): Int32Array | null {
    const key = `${cpu}:${program}`;
    let matching = this.filters.get(key);
    if (matching === undefined) {
      matching = cpu === null && program === null ? null : this.trace.printkMatching(cpu, program);
      this.filters.set(key, matching);
    }
    return matching;
  }

  /** Lines are in the order printed, so their steps never decrease: a binary search. */
  private printedBy(step: number, matching: Int32Array | null, total: number): number {
    let low = 0;
    let high = total;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.trace.printkStepAt(matching ? matching[middle] : middle) <= step) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
