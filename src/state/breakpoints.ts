import type { Breakpoint } from "../engine";
import { engineWorker } from "../worker/engine-client";
import { moveCursorTo } from "./run-action";
import { type EventBreak, type LineBreakpoint, useTailscope } from "./store";

/** The engine's breakpoints for an event kind the user ticked. */
function eventBreakpoints(kind: EventBreak): Breakpoint[] {
  switch (kind) {
    case "tail-call-failed":
      // The three ways a tail call falls through.
      return (["empty-slot", "out-of-range", "limit"] as const).map((outcome) => ({
        kind: "tail-call",
        outcome,
      }));
    case "tail-call":
      return [{ kind: "tail-call" }];
    case "map-write":
      return [{ kind: "map-write" }];
    case "map-read":
      return [{ kind: "map-read" }];
    case "printk":
      return [{ kind: "printk" }];
  }
}

/** Every breakpoint as the engine takes them. */
function allBreakpoints(): Breakpoint[] {
  const { breakpoints, eventBreaks } = useTailscope.getState();
  const lines: Breakpoint[] = breakpoints.map((b) => ({
    kind: "line",
    file: b.file,
    line: b.line,
    ...(b.condition ? { condition: b.condition } : {}),
  }));
  return [...lines, ...eventBreaks.flatMap(eventBreakpoints)];
}

/** Runs on (F5) or back to the nearest breakpoint; the run's end (or start) when there is none. */
export function continueRun(direction: 1 | -1): Promise<void> {
  return moveCursorTo({ kind: "continue", direction, breakpoints: allBreakpoints() });
}

/** Adds a breakpoint at a line, or removes the one there. */
export function toggleBreakpoint(file: string, line: number): void {
  const { breakpoints, setBreakpoints } = useTailscope.getState();
  const exists = breakpoints.some((b) => b.file === file && b.line === line);
  setBreakpoints(
    exists
      ? breakpoints.filter((b) => !(b.file === file && b.line === line))
      : [...breakpoints, { file, line, condition: "", error: null }].sort(
          (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
        ),
  );
}

/** Sets a breakpoint's condition, checked by the engine against the traced run's sources. */
export async function setBreakpointCondition(target: LineBreakpoint, condition: string): Promise<void> {
  const error = condition.trim()
    ? await engineWorker().checkCondition(target.file, target.line, condition.trim())
    : null;
  const { breakpoints, setBreakpoints } = useTailscope.getState();
  setBreakpoints(
    breakpoints.map((b) =>
      b.file === target.file && b.line === target.line ? { ...b, condition: condition.trim(), error } : b,
    ),
  );
}
