import type { LogpointHit } from "./logpoints";
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
    /** Set for a logpoint's line (added after the run; the program printed nothing there). */
    readonly logpoint?: number;
  }[];
}

/**
 * The printk lines of a run as trace_pipe prints them, with the lines of any logpoints among
 * them in step order (a logpoint's line comes just before its statement runs), read a window at
 * a time, optionally only one CPU's or one program's; each filter's matching lines are found once.
 */
export class TraceLog {
  /** Per filter: the matching entries in order, a printk line as its index, a logpoint hit as -(index + 1). */
  private readonly filters = new Map<string, Int32Array>();

  constructor(
    private readonly trace: TraceRecorder,
    private readonly hits: readonly LogpointHit[] = [],
  ) {}

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
    const matching = this.matching(cpu, program);
    const total = matching.length;
    const lines = [];
    for (let i = Math.max(0, from); i < Math.min(total, from + count); i++)
      lines.push(this.entry(i, matching[i]));
    const printed = step === null ? total : this.printedBy(step, matching);
    return { total, printed, lines };
  }

  private entry(index: number, entry: number): TraceLogWindow["lines"][number] {
    if (entry >= 0) return { index, ...this.trace.printkAt(entry) };
    const hit = this.hits[-entry - 1];
    return {
      index,
      step: hit.step,
      cpu: hit.cpu,
      program: hit.program,
      line: hit.text,
      logpoint: hit.logpoint,
    };
  }

  private matching(cpu: number | null, program: string | null): Int32Array {
    const key = `${cpu}:${program}`;
    let matching = this.filters.get(key);
    if (matching === undefined) {
      matching = this.merge(cpu, program);
      this.filters.set(key, matching);
    }
    return matching;
  }

  /** The matching printk lines and logpoint hits, in step order (a printk line first on a tie). */
  private merge(cpu: number | null, program: string | null): Int32Array {
    const trace = this.trace;
    const printk =
      cpu === null && program === null
        ? Int32Array.from({ length: trace.printkCount }, (_, i) => i)
        : trace.printkMatching(cpu, program);
    const hits = this.hits
      .map((hit, i) => ({ hit, i }))
      .filter(
        ({ hit }) => (cpu === null || hit.cpu === cpu) && (program === null || hit.program === program),
      );
    if (hits.length === 0) return printk;
    const merged = new Int32Array(printk.length + hits.length);
    let p = 0;
    let h = 0;
    for (let out = 0; out < merged.length; out++) {
      const takePrintk =
        h >= hits.length || (p < printk.length && trace.printkStepAt(printk[p]) <= hits[h].hit.step);
      merged[out] = takePrintk ? printk[p++] : -(hits[h++].i + 1);
    }
    return merged;
  }

  private stepOf(entry: number): number {
    return entry >= 0 ? this.trace.printkStepAt(entry) : this.hits[-entry - 1].step;
  }

  /** Lines are in step order: a binary search. */
  private printedBy(step: number, matching: Int32Array): number {
    let low = 0;
    let high = matching.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.stepOf(matching[middle]) <= step) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
