import type { PacketReport, TailCallOutcome } from "../runtime/report";
import type { TraceRecorder } from "./trace";

/** The kinds of event a run's event list has, in the order they sort within one step. */
export const EVENT_KINDS = ["packet", "map-read", "map-write", "printk", "tail-call", "verdict"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

interface EventBase {
  /** Its place in the filtered list. */
  readonly index: number;
  /** The step whose statement made it (a packet's first step for its start). */
  readonly step: number;
  /** The packet, its CPU and the program it was in (null when the trace did not keep them). */
  readonly packet: number | null;
  readonly cpu: number | null;
  readonly program: string | null;
}

/** One thing that happened in the run, as Packet Tracer's simulation mode lists events. */
export type RunEvent = EventBase &
  (
    | { readonly kind: "packet" }
    | {
        readonly kind: "tail-call";
        readonly map: string | null;
        readonly slot: number;
        readonly outcome: TailCallOutcome;
        readonly to: string | null;
      }
    | {
        readonly kind: "map-read";
        readonly map: string;
        readonly key: string;
        /** Whose copy of a per-CPU value (null: a shared map). */
        readonly copy: number | null;
        readonly via: "lookup" | "load";
        readonly offset: number;
        readonly bytes: string;
      }
    | {
        readonly kind: "map-write";
        readonly map: string;
        readonly key: string;
        readonly copy: number | null;
        readonly before: string;
        readonly after: string;
      }
    | { readonly kind: "printk"; readonly message: string }
    | { readonly kind: "verdict"; readonly retval: number; readonly fault: string | null }
  );

/** Which events to list: some kinds (null: all), one CPU (null: all). */
export interface EventFilter {
  readonly kinds: readonly EventKind[] | null;
  readonly cpu: number | null;
}

export interface EventWindow {
  readonly total: number;
  /** Of the matching events, how many had happened by the step asked about. */
  readonly happened: number;
  readonly events: readonly RunEvent[];
}

/** Bits of a sort key kept for the event's index within its kind's own list. */
const INDEX_SPACE = 2 ** 24;

/**
 * Every event of a recorded run in step order, read a window at a time: packets starting,
 * map lookups, loads and writes, printk lines, tail calls with their outcome, each packet's
 * verdict. The order is kept as one sorted array of numeric keys (step, kind, index in that
 * kind's own column), so a million events cost no million objects; rows are decoded only for
 * the window shown. Each filter's matching positions are found once.
 */
export class EventLog {
  private order: Float64Array | null = null;
  private readonly filters = new Map<string, Int32Array | null>();

  constructor(
    private readonly trace: TraceRecorder,
    private readonly reports: readonly PacketReport[],
  ) {}

  window(from: number, count: number, filter: EventFilter, step: number | null = null): EventWindow {
    const order = this.sorted();
    const matching = this.matching(filter);
    const total = matching ? matching.length : order.length;
    const events: RunEvent[] = [];
    for (let i = Math.max(0, from); i < Math.min(total, from + count); i++)
      events.push(this.decode(order[matching ? matching[i] : i], i));
    const happened = step === null ? total : this.happenedBy(step, matching, total);
    return { total, happened, events };
  }

  private sorted(): Float64Array {
    if (this.order) return this.order;
    const keys: number[] = [];
    const add = (step: number, kind: EventKind, index: number) =>
      keys.push((step * EVENT_KINDS.length + EVENT_KINDS.indexOf(kind)) * INDEX_SPACE + index);
    const trace = this.trace;
    for (let packet = 0; packet < this.reports.length; packet++) {
      const first = trace.packetFirstStep(packet);
      const last = trace.packetLastStep(packet);
      if (first !== null) add(first + 1, "packet", packet);
      if (last !== null) add(last, "verdict", packet);
    }
    for (let i = 0; i < trace.mapReadCount; i++) add(trace.mapReadAt(i).step, "map-read", i);
    for (let i = 0; i < trace.mapWriteCount; i++) add(trace.mapWriteAt(i).step, "map-write", i);
    for (let i = 0; i < trace.printkCount; i++) add(trace.printkStepAt(i), "printk", i);
    for (let i = 0; i < trace.tailCallCount; i++) add(trace.tailCallAt(i).step, "tail-call", i);
    this.order = Float64Array.from(keys).sort();
    return this.order;
  }

  private matching(filter: EventFilter): Int32Array | null {
    if (filter.kinds === null && filter.cpu === null) return null;
    const key = `${filter.kinds?.join(",")}:${filter.cpu}`;
    let found = this.filters.get(key);
    if (found === undefined) {
      const order = this.sorted();
      const kinds = filter.kinds ? new Set(filter.kinds) : null;
      const positions: number[] = [];
      for (let i = 0; i < order.length; i++) {
        const { kind } = unpack(order[i]);
        if (kinds && !kinds.has(kind)) continue;
        if (filter.cpu !== null && this.decode(order[i], i).cpu !== filter.cpu) continue;
        positions.push(i);
      }
      found = Int32Array.from(positions);
      this.filters.set(key, found);
    }
    return found;
  }

  /** Keys sort by step first: a binary search for the first event after `step`. */
  private happenedBy(step: number, matching: Int32Array | null, total: number): number {
    const order = this.sorted();
    let low = 0;
    let high = total;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (unpack(order[matching ? matching[middle] : middle]).step <= step) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private decode(key: number, index: number): RunEvent {
    const { step, kind, at } = unpack(key);
    const trace = this.trace;
    switch (kind) {
      case "packet": {
        const report = this.reports[at];
        return { index, step, kind, packet: at, cpu: report.cpu, program: report.programs[0] ?? null };
      }
      case "verdict": {
        const report = this.reports[at];
        const fault = report.fault?.message ?? report.testRunError?.reason ?? null;
        return {
          index,
          step,
          kind,
          packet: at,
          cpu: report.cpu,
          program: report.programs.at(-1) ?? null,
          retval: report.retval,
          fault,
        };
      }
      case "tail-call": {
        const call = trace.tailCallAt(at);
        const report = this.reports[call.packet];
        return {
          index,
          step,
          kind,
          packet: call.packet,
          cpu: report?.cpu ?? null,
          program: call.from,
          map: this.mapOfTailCall(at, call.packet),
          slot: call.key,
          outcome: call.outcome,
          to: call.to,
        };
      }
      case "printk": {
        const line = trace.printkAt(at);
        const statement = trace.statementAt(step);
        return {
          index,
          step,
          kind,
          packet: statement?.packet ?? null,
          cpu: line.cpu,
          program: line.program,
          message: trace.printkMessageAt(at),
        };
      }
      case "map-read": {
        const read = trace.mapReadAt(at);
        return {
          index,
          step,
          kind,
          ...this.whereStep(step, read.cpu),
          map: read.map,
          key: read.key,
          copy: read.cpu,
          via: read.via,
          offset: read.offset,
          bytes: read.bytes,
        };
      }
      case "map-write": {
        const write = trace.mapWriteAt(at);
        return {
          index,
          step,
          kind,
          ...this.whereStep(step, write.cpu),
          map: write.map,
          key: write.key,
          copy: write.cpu,
          before: write.before,
          after: write.after,
        };
      }
    }
  }

  /**
   * The packet, CPU and program of the statement at `step`; past the statements the trace
   * keeps in full, only the CPU a per-CPU access names is known.
   */
  private whereStep(step: number, cpu: number | null): Pick<EventBase, "packet" | "cpu" | "program"> {
    const statement = this.trace.statementAt(step);
    return {
      packet: statement?.packet ?? null,
      cpu: statement?.cpu ?? cpu,
      program: statement?.program ?? null,
    };
  }

  /** Tail calls are recorded in each packet's order: the n-th of a packet is its report's n-th. */
  private tailCallOrdinal: Int32Array | null = null;

  private mapOfTailCall(at: number, packet: number): string | null {
    if (!this.tailCallOrdinal) {
      const seen = new Map<number, number>();
      this.tailCallOrdinal = new Int32Array(this.trace.tailCallCount);
      for (let i = 0; i < this.trace.tailCallCount; i++) {
        const p = this.trace.tailCallAt(i).packet;
        const n = seen.get(p) ?? 0;
        this.tailCallOrdinal[i] = n;
        seen.set(p, n + 1);
      }
    }
    return this.reports[packet]?.tailCalls[this.tailCallOrdinal[at]]?.map ?? null;
  }
}

function unpack(key: number): { step: number; kind: EventKind; at: number } {
  const at = key % INDEX_SPACE;
  const rest = (key - at) / INDEX_SPACE;
  const kind = rest % EVENT_KINDS.length;
  return { step: (rest - kind) / EVENT_KINDS.length, kind: EVENT_KINDS[kind], at };
}
