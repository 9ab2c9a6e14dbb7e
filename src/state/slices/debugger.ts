import type { StateCreator } from "zustand";
import {
  type EventBreak,
  engineBreakpoints,
  type LineBreakpoint,
  toggledBreakpoints,
} from "../derive/breakpoints";
import type { TailscopeState } from "../store";

export type { EventBreak, LineBreakpoint };

/** What one tick of play (and a presenter's Page Down) moves by. */
export type PlayUnit = "step" | "hop" | "packet";

/** Breakpoints, playing, and the CPU the steps follow: how the user walks through a run. */
export interface DebuggerSlice {
  breakpoints: readonly LineBreakpoint[];
  setBreakpoints: (breakpoints: readonly LineBreakpoint[]) => void;
  /** Adds a breakpoint at a line, or removes the one there. */
  toggleBreakpoint: (file: string, line: number) => void;
  /** Sets a breakpoint's condition, checked by the engine against the recorded run's sources. */
  setBreakpointCondition: (target: LineBreakpoint, condition: string) => Promise<void>;
  /** Events the run also stops at. */
  eventBreaks: readonly EventBreak[];
  setEventBreaks: (kinds: readonly EventBreak[]) => void;
  /** Runs on (or back) to the nearest breakpoint; the run's end (or start) when there is none. */
  continueRun: (direction: 1 | -1) => Promise<void>;
  /** Playing: the cursor steps on by itself, `speed` steps a second. */
  playing: boolean;
  speed: number;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
  /** Play by statement, by tail-call hop or by packet. */
  playBy: PlayUnit;
  setPlayBy: (unit: PlayUnit) => void;
  /** The CPU the steps follow, or null for all CPUs. */
  focusCpu: number | null;
  setFocusCpu: (cpu: number | null) => void;
}

export const createDebuggerSlice: StateCreator<TailscopeState, [], [], DebuggerSlice> = (set, get) => ({
  breakpoints: [],
  setBreakpoints: (breakpoints) => set({ breakpoints }),
  toggleBreakpoint: (file, line) => set({ breakpoints: toggledBreakpoints(get().breakpoints, file, line) }),
  setBreakpointCondition: async (target, condition) => {
    const text = condition.trim();
    const error = text ? await get().checkCondition(target.file, target.line, text) : null;
    set({
      breakpoints: get().breakpoints.map((b) =>
        b.file === target.file && b.line === target.line ? { ...b, condition: text, error } : b,
      ),
    });
  },
  eventBreaks: [],
  setEventBreaks: (eventBreaks) => set({ eventBreaks }),
  continueRun: (direction) => {
    const { breakpoints, eventBreaks, moveCursor } = get();
    return moveCursor({
      kind: "continue",
      direction,
      breakpoints: engineBreakpoints(breakpoints, eventBreaks),
    });
  },
  playing: false,
  speed: 4,
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  playBy: "step",
  setPlayBy: (playBy) => set({ playBy }),
  focusCpu: null,
  setFocusCpu: (focusCpu) => set({ focusCpu }),
});
