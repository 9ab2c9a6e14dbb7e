import type { TailCallOutcome } from "../runtime/report";
import type { StatementEvent, TraceRecorder } from "./trace";

/** Where a run may stop: a source line, a tail-call outcome, a printk line. */
export type Breakpoint =
  /** A line, optionally with a C condition over the locals and context in scope there. */
  | { readonly kind: "line"; readonly file: string; readonly line: number; readonly condition?: string }
  | { readonly kind: "tail-call"; readonly outcome?: TailCallOutcome }
  | { readonly kind: "printk" }
  /** A write to a map value (of one map, or any). */
  | { readonly kind: "map-write"; readonly map?: string }
  /** A read of a map: a lookup or a load through its pointer (of one map, or any). */
  | { readonly kind: "map-read"; readonly map?: string };

export type Direction = 1 | -1;

/** A cursor move, as the controls and their shortcuts ask for it. */
export type Move =
  /** One statement (into a called function); with `cpu`, the next statement that CPU runs. */
  | { readonly kind: "step"; readonly direction: Direction; readonly cpu?: number }
  /**
   * One statement of this function: a call runs whole (back: to before the previous statement).
   * With `cpu`, of the packet that CPU runs next (other CPUs' statements pass by).
   */
  | { readonly kind: "over"; readonly direction: Direction; readonly cpu?: number }
  /** To the caller: just after the call returns (back: to just before the call). */
  | { readonly kind: "out"; readonly direction: Direction; readonly cpu?: number }
  /** To just after the next (or previous) tail-call attempt. */
  | { readonly kind: "hop"; readonly direction: Direction }
  /** To the first statement of the next (or previous) packet. */
  | { readonly kind: "packet"; readonly direction: Direction }
  /** Until a breakpoint is about to be hit (or the run's end). */
  | { readonly kind: "continue"; readonly direction: Direction; readonly breakpoints: readonly Breakpoint[] };

/**
 * Where a move from `current` lands, computed over the recorded trace only: a cursor is a step
 * number (statements executed), and the state there comes from `TimeTravel.seek`. Returns
 * `current` when there is nowhere to go.
 */
export function moveTarget(trace: TraceRecorder, total: number, current: number, move: Move): number {
  switch (move.kind) {
    case "step":
      if (move.cpu === undefined) return clamp(current + move.direction, total);
      return scan(trace, total, current, move.direction, (event) => event.cpu === move.cpu) ?? current;
    case "over":
      return depthMove(trace, total, current, move, (depth, here) => depth <= here);
    case "out":
      return depthMove(trace, total, current, move, (depth, here) => depth < here);
    case "hop": {
      const hops = trace.tailCallEvents().map((hop) => hop.step);
      return pick(hops, current, move.direction) ?? current;
    }
    case "packet": {
      const starts = trace.packetStarts().map((first) => first + 1);
      return pick(starts, current, move.direction) ?? current;
    }
    case "continue": {
      const hit = breakpointSteps(trace, total, move.breakpoints);
      return pick(hit, current, move.direction) ?? (move.direction > 0 ? total : 0);
    }
  }
}

/**
 * Where the cursor stands next (or before) such that the followed packet's next statement is at
 * a depth that `fits` the current one: over a call, or out of the function. Other packets'
 * statements (other CPUs, interleaved) pass by; the packet's end (or start, going back) stops
 * the move.
 */
function depthMove(
  trace: TraceRecorder,
  total: number,
  current: number,
  move: { readonly direction: Direction; readonly cpu?: number },
  fits: (depth: number, here: number) => boolean,
): number {
  const { direction } = move;
  const next = (step: number) => trace.statementAt(step + 1);
  const here = followed(trace, total, current, move.cpu);
  if (!here) return clamp(current + direction, total);
  const first = (trace.packetFirstStep(here.packet) ?? 0) + 1;
  const last = trace.packetLastStep(here.packet) ?? total;
  for (let step = current + direction; step >= 0 && step <= total; step += direction) {
    if (direction > 0 && step >= last) return step;
    if (direction < 0 && step < first) return step;
    const event = next(step);
    if (!event) return step;
    if (event.packet === here.packet && fits(event.depth, here.depth)) return step;
  }
  return direction > 0 ? total : 0;
}

/** The statement the followed packet runs next: `cpu`'s next one, or simply the next one. */
function followed(trace: TraceRecorder, total: number, current: number, cpu?: number) {
  if (cpu === undefined) return trace.statementAt(current + 1) ?? trace.statementAt(current);
  for (let step = current + 1; step <= total; step++) {
    const event = trace.statementAt(step);
    if (!event) break;
    if (event.cpu === cpu) return event;
  }
  return null;
}

function clamp(step: number, total: number): number {
  return Math.max(0, Math.min(step, total));
}

/** The nearest of sorted `steps` strictly after (or before) `current`. */
function pick(steps: readonly number[], current: number, direction: Direction): number | null {
  if (direction > 0) return steps.find((s) => s > current) ?? null;
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i] < current) return steps[i];
  return null;
}

/** The cursor just after the next statement (in `direction`) that matches. */
function scan(
  trace: TraceRecorder,
  total: number,
  current: number,
  direction: Direction,
  matches: (event: StatementEvent) => boolean,
): number | null {
  for (let step = current + (direction > 0 ? 1 : 0); step >= 1 && step <= total; step += direction) {
    const event = trace.statementAt(step);
    if (event && matches(event) && step !== current) return step;
  }
  return null;
}

/**
 * Steps at which a breakpoint stops the run: for a line, the cursor just before that line's
 * statement runs; for a tail call or a printk, just after it happened. Sorted.
 */
export function breakpointSteps(
  trace: TraceRecorder,
  total: number,
  breakpoints: readonly Breakpoint[],
): number[] {
  const steps = new Set<number>();
  // Conditional lines need the machine to decide (see continueTarget); here, only plain ones.
  const lines = breakpoints.filter(
    (b): b is Extract<Breakpoint, { kind: "line" }> => b.kind === "line" && !b.condition,
  );
  if (lines.length > 0) {
    for (let step = 1; step <= total; step++) {
      const event = trace.statementAt(step);
      if (event && lines.some((b) => b.file === event.file && b.line === event.line)) steps.add(step - 1);
    }
  }
  for (const breakpoint of breakpoints) {
    if (breakpoint.kind === "tail-call")
      for (const hop of trace.tailCallEvents())
        if (!breakpoint.outcome || hop.outcome === breakpoint.outcome) steps.add(hop.step);
    if (breakpoint.kind === "printk") for (const line of trace.printkLines()) steps.add(line.step);
    if (breakpoint.kind === "map-read")
      for (const read of trace.mapReadEvents())
        if (!breakpoint.map || read.map === breakpoint.map) steps.add(read.step);
    if (breakpoint.kind === "map-write")
      for (const write of trace.mapWriteEvents())
        if (!breakpoint.map || write.map === breakpoint.map) steps.add(write.step);
  }
  return [...steps].sort((a, b) => a - b);
}

/**
 * The cursor at packet `packet` after its `hop`-th successful tail call (0: its first
 * statement), in a new trace of edited sources; null when that packet or hop no longer exists.
 */
export function hopOfPacket(trace: TraceRecorder, packet: number, hop: number): number | null {
  const first = trace.packetFirstStep(packet);
  if (first === null) return null;
  if (hop === 0) return first + 1;
  const jumps = trace.tailCallEvents().filter((h) => h.outcome === "jumped" && h.packet === packet);
  return jumps[hop - 1]?.step ?? null;
}
