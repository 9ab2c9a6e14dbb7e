import type { ConditionTest } from "./condition";
import { type Breakpoint, breakpointSteps, type Direction } from "./navigator";
import type { Travel } from "./recording";

type LineBreakpoint = Extract<Breakpoint, { kind: "line" }>;

/** A conditional line's test, or why it could not be compiled (then it stops like a plain line). */
export type ConditionFor = (breakpoint: LineBreakpoint) => ConditionTest | { readonly error: string };

export interface ContinueResult {
  readonly step: number;
  /** Set when a condition could not be compiled or evaluated where the run stopped. */
  readonly conditionError?: string;
}

/**
 * Runs on (or back) to the nearest breakpoint: plain ones come from the trace alone; a line
 * with a condition stops only where its condition, evaluated in the paused frame of the CPU
 * about to run that line, is true. A condition that cannot be compiled or evaluated stops the
 * run there, with the reason, as debuggers do.
 */
export function continueTarget(
  travel: Travel,
  current: number,
  direction: Direction,
  breakpoints: readonly Breakpoint[],
  conditionFor: ConditionFor,
): ContinueResult {
  const { trace, totalSteps } = travel;
  const plain = new Set(breakpointSteps(trace, totalSteps, breakpoints));
  const conditional = breakpoints.filter((b): b is LineBreakpoint => b.kind === "line" && !!b.condition);
  const candidates = new Map<number, LineBreakpoint[]>();
  for (const step of plain) candidates.set(step, []);
  if (conditional.length > 0) {
    for (let step = 1; step <= totalSteps; step++) {
      const event = trace.statementAt(step);
      if (!event) continue;
      const hits = conditional.filter((b) => b.file === event.file && b.line === event.line);
      if (hits.length > 0) candidates.set(step - 1, [...(candidates.get(step - 1) ?? []), ...hits]);
    }
  }
  const steps = [...candidates.keys()].sort((a, b) => (a - b) * direction);
  for (const step of steps) {
    if (direction > 0 ? step <= current : step >= current) continue;
    const lines = candidates.get(step) ?? [];
    if (lines.length === 0 || plain.has(step)) return { step };
    const cpu = trace.statementAt(step + 1)?.cpu ?? null;
    for (const breakpoint of lines) {
      const test = conditionFor(breakpoint);
      if ("error" in test) return { step, conditionError: test.error };
      const outcome = travel.probe(step, cpu, test);
      if (outcome === true) return { step };
      if (outcome && typeof outcome === "object") return { step, conditionError: outcome.error };
    }
  }
  return { step: direction > 0 ? totalSteps : 0 };
}
