import type { PacketReport } from "../runtime/report";
import type { Travel } from "./recording";
import type { StateView } from "./state-view";
import type { TraceRecorder } from "./trace";
import { eventsBetween } from "./why/sources";

/** What one statement did that another run could do differently. */
export type StatementEffect =
  | {
      readonly kind: "map-write";
      readonly map: string;
      readonly key: string;
      readonly cpu: number | null;
      readonly offset: number;
      /** The bytes the store left, in hex. */
      readonly bytes: string;
    }
  | { readonly kind: "printk"; readonly message: string }
  | { readonly kind: "tail-call"; readonly outcome: string; readonly to: string | null };

/** One side's statement at the place two runs part. */
export interface DiffSide {
  readonly step: number;
  readonly cpu: number;
  readonly program: string;
  readonly file: string;
  readonly line: number;
  readonly effects: readonly StatementEffect[];
}

/** Where two runs part (contract.md §4 `diff`), or that they do not. */
export type RunDiff =
  | { readonly same: true }
  | {
      readonly same: false;
      /** The first packet whose report differs (or, when none does, whose statements do). */
      readonly packet: number;
      /** That packet's report on each side (null where one run has fewer packets). */
      readonly reports: { readonly a: PacketReport | null; readonly b: PacketReport | null };
      /** Which of the report's parts differ. */
      readonly differs: readonly string[];
      /**
       * The first statement of the packet whose place or effect differs, counted from the
       * packet's first statement, with both sides; null when the statements all agree (a
       * difference the trace does not hold, such as a packet past the recorded ones).
       */
      readonly statement: {
        readonly index: number;
        readonly a: DiffSide | null;
        readonly b: DiffSide | null;
      } | null;
    };

const REPORT_PARTS = ["programs", "tailCalls", "retval", "printk", "fault", "testRunError"] as const;

/**
 * Finds where two recorded runs part: the first packet whose report differs and, within it,
 * the first statement that ran elsewhere or did something else (stored other bytes or into
 * another CPU's copy, printed another line, tail-called elsewhere). When every packet's report
 * agrees, the first statement anywhere whose effect differs still counts.
 */
export function diffRuns(a: Travel, b: Travel): RunDiff {
  const count = Math.max(a.reports.length, b.reports.length);
  for (let packet = 0; packet < count; packet++) {
    const ra = a.reports[packet] ?? null;
    const rb = b.reports[packet] ?? null;
    const differs = reportDifferences(ra, rb);
    if (differs.length > 0)
      return {
        same: false,
        packet,
        reports: { a: ra, b: rb },
        differs,
        statement: firstStatementApart(a, b, packet),
      };
  }
  for (let packet = 0; packet < count; packet++) {
    const statement = firstStatementApart(a, b, packet);
    if (statement)
      return {
        same: false,
        packet,
        reports: { a: a.reports[packet] ?? null, b: b.reports[packet] ?? null },
        differs: ["effects"],
        statement,
      };
  }
  return { same: true };
}

function reportDifferences(a: PacketReport | null, b: PacketReport | null): string[] {
  if (!a || !b) return a === b ? [] : ["packet"];
  if (a.cpu !== b.cpu) return ["cpu"];
  return REPORT_PARTS.filter((part) => JSON.stringify(a[part] ?? null) !== JSON.stringify(b[part] ?? null));
}

/** The first statement of `packet` that stands or acts differently in the two runs. */
function firstStatementApart(
  a: Travel,
  b: Travel,
  packet: number,
): { index: number; a: DiffSide | null; b: DiffSide | null } | null {
  const stepsA = packetSteps(a.trace, packet);
  const stepsB = packetSteps(b.trace, packet);
  const length = Math.max(stepsA.length, stepsB.length);
  for (let i = 0; i < length; i++) {
    const sideA = stepsA[i] === undefined ? null : side(a.trace, stepsA[i]);
    const sideB = stepsB[i] === undefined ? null : side(b.trace, stepsB[i]);
    if (!sideA || !sideB || !sameSide(sideA, sideB)) return { index: i, a: sideA, b: sideB };
  }
  return null;
}

/** Both runs at the `index`-th statement of a packet: lockstep, whatever each run's steps are. */
export interface LockstepPoint {
  readonly packet: number;
  readonly index: number;
  /** Statements the packet has in the longer of the two runs. */
  readonly length: number;
  readonly a: (DiffSide & { readonly state: StateView }) | null;
  readonly b: (DiffSide & { readonly state: StateView }) | null;
}

/**
 * The two runs side by side at one statement of a packet (counted from the packet's first),
 * each machine as it stands just after that statement ran.
 */
export function lockstep(a: Travel, b: Travel, packet: number, index: number): LockstepPoint {
  const stepsA = packetSteps(a.trace, packet);
  const stepsB = packetSteps(b.trace, packet);
  const at = (travel: Travel, steps: number[]) => {
    const step = steps[index];
    const found = step === undefined ? null : side(travel.trace, step);
    return found && { ...found, state: travel.seek(step) };
  };
  return {
    packet,
    index,
    length: Math.max(stepsA.length, stepsB.length),
    a: at(a, stepsA),
    b: at(b, stepsB),
  };
}

/** The steps of one packet's statements, in order (other CPUs' interleaved statements left out). */
function packetSteps(trace: TraceRecorder, packet: number): number[] {
  const first = trace.packetFirstStep(packet);
  const last = trace.packetLastStep(packet);
  if (first === null || last === null) return [];
  const steps: number[] = [];
  for (let step = first + 1; step <= last; step++)
    if (trace.statementAt(step)?.packet === packet) steps.push(step);
  return steps;
}

function side(trace: TraceRecorder, step: number): DiffSide | null {
  const event = trace.statementAt(step);
  if (!event) return null;
  return {
    step,
    cpu: event.cpu,
    program: event.program,
    file: event.file,
    line: event.line,
    effects: effectsAt(trace, step),
  };
}

/** What the statement at `step` did: its stores into maps, printk lines, tail calls. */
export function effectsAt(trace: TraceRecorder, step: number): StatementEffect[] {
  const effects: StatementEffect[] = [];
  for (const i of eventsBetween(trace.mapWriteCount, (i) => trace.mapWriteAt(i).step, step, step)) {
    const write = trace.mapWriteAt(i);
    const bytes = write.after.slice(write.offset * 2, (write.offset + write.size) * 2);
    effects.push({
      kind: "map-write",
      map: write.map,
      key: write.key,
      cpu: write.cpu,
      offset: write.offset,
      bytes,
    });
  }
  for (const i of eventsBetween(trace.printkCount, (i) => trace.printkStepAt(i), step, step))
    effects.push({ kind: "printk", message: trace.printkMessageAt(i) });
  for (const i of eventsBetween(trace.tailCallCount, (i) => trace.tailCallAt(i).step, step, step)) {
    const call = trace.tailCallAt(i);
    effects.push({ kind: "tail-call", outcome: call.outcome, to: call.to });
  }
  return effects;
}

function sameSide(a: DiffSide, b: DiffSide): boolean {
  return (
    a.file === b.file &&
    a.line === b.line &&
    a.program === b.program &&
    JSON.stringify(a.effects) === JSON.stringify(b.effects)
  );
}
