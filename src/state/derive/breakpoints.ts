import type { Breakpoint } from "../../engine";

/** Kinds of event the run can also stop at, besides lines. */
export type EventBreak = "tail-call-failed" | "tail-call" | "map-write" | "map-read" | "printk";

/** A line breakpoint as the editor and the breakpoint list show it. */
export interface LineBreakpoint {
  readonly file: string;
  readonly line: number;
  /** A C condition over the locals and context at that line; "" for none. */
  readonly condition: string;
  /** Why the condition does not compile (or could not be evaluated), if it does not. */
  readonly error: string | null;
}

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

/** Every breakpoint the user set, as the engine takes them. */
export function engineBreakpoints(
  lines: readonly LineBreakpoint[],
  events: readonly EventBreak[],
): Breakpoint[] {
  const lineBreaks: Breakpoint[] = lines.map((b) => ({
    kind: "line",
    file: b.file,
    line: b.line,
    ...(b.condition ? { condition: b.condition } : {}),
  }));
  return [...lineBreaks, ...events.flatMap(eventBreakpoints)];
}

/** The breakpoints with one at `line` added, or removed if it was there; sorted by place. */
export function toggledBreakpoints(
  breakpoints: readonly LineBreakpoint[],
  file: string,
  line: number,
): LineBreakpoint[] {
  const exists = breakpoints.some((b) => b.file === file && b.line === line);
  if (exists) return breakpoints.filter((b) => !(b.file === file && b.line === line));
  return [...breakpoints, { file, line, condition: "", error: null }].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
}
