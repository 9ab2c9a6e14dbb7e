import type { TraceRecorder } from "./trace";

/** Some lines of the trace log, and how many there are in all. */
export interface TraceLogWindow {
  readonly total: number;
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

  /** `count` lines from `from` on, among those that match: `total` says how many match. */
  window(from: number, count: number, cpu: number | null, program: string | null): TraceLogWindow {
    const trace = this.trace;
    const key = `${cpu}:${program}`;
    let matching = this.filters.get(key);
    if (matching === undefined) {
      matching = cpu === null && program === null ? null : trace.printkMatching(cpu, program);
      this.filters.set(key, matching);
    }
    const total = matching ? matching.length : trace.printkCount;
    const lines = [];
    for (let i = Math.max(0, from); i < Math.min(total, from + count); i++)
      lines.push({ index: i, ...trace.printkAt(matching ? matching[i] : i) });
    return { total, lines };
  }
}
