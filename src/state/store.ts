import { create } from "zustand";
import type { BuildSummary, RunReport } from "../engine";
import { defaultLesson } from "../lessons";
import type { CursorState } from "../worker/engine-api";

export type ThemeName = "dark" | "light";

/** A place in the source the editor should show (from a click in the problems list or the graph). */
export interface RevealRequest {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Changes on every request, so asking twice for the same place still moves the editor. */
  readonly serial: number;
}

export interface SourceSlice {
  /** The scenario's source files by name; the editor writes here on every keystroke. */
  files: Record<string, string>;
  /** The .c file the build starts from. */
  main: string;
  /** The file shown in the editor. */
  activeFile: string;
  reveal: RevealRequest | null;
  setFileText: (name: string, text: string) => void;
  openFile: (name: string) => void;
  revealLocation: (file: string, line: number, column: number) => void;
}

export interface BuildSlice {
  /** The latest finished build of the current sources (null until the first one ends). */
  build: BuildSummary | null;
  building: boolean;
  setBuilding: (building: boolean) => void;
  setBuild: (build: BuildSummary) => void;
}

export interface ScenarioSlice {
  cpus: number;
  packetCount: number;
  /** Sequential, or interleaved with this seed. */
  schedule: { readonly mode: "sequential" } | { readonly mode: "interleaved"; readonly seed: number };
  setSchedule: (schedule: ScenarioSlice["schedule"]) => void;
  setCpus: (cpus: number) => void;
  setPacketCount: (count: number) => void;
}

export interface RunSlice {
  /** The last run's report, or why it could not run; cleared when the sources change. */
  run: { readonly report: RunReport } | { readonly error: string } | null;
  running: boolean;
  setRunning: (running: boolean) => void;
  setRun: (run: RunSlice["run"]) => void;
}

/** Where the cursor was before an edit: a packet and how many hops into it, or the run's end. */
export type ResumePoint = { readonly packet: number; readonly hop: number } | "end";

function resumePoint(state: { cursor: CursorState | null }): ResumePoint | null {
  if (!state.cursor) return null;
  const running = state.cursor.state.running;
  return running ? { packet: running.packet, hop: running.programs.length - 1 } : "end";
}

export interface CursorSlice {
  /** Set when an edit dropped a traced run: the next build re-runs it and returns here. */
  resumeAt: ResumePoint | null;
  /** The traced run the cursor moves over (kept in the engine worker), or null before a run. */
  session: { readonly totalSteps: number } | null;
  /** Where the cursor stands: the machine at that step. */
  cursor: CursorState | null;
  setSession: (session: CursorSlice["session"], cursor: CursorState | null) => void;
  setCursor: (cursor: CursorState | null) => void;
}

export interface UiSlice {
  theme: ThemeName;
  setTheme: (theme: ThemeName) => void;
}

export type TailscopeState = SourceSlice & BuildSlice & ScenarioSlice & RunSlice & CursorSlice & UiSlice;

function preferredTheme(): ThemeName {
  if (typeof window === "undefined" || !window.matchMedia) return "dark";
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

export const useTailscope = create<TailscopeState>()((set) => ({
  files: { ...defaultLesson.files },
  main: defaultLesson.main,
  activeFile: defaultLesson.main,
  reveal: null,
  setFileText: (name, text) =>
    set((state) => ({
      files: { ...state.files, [name]: text },
      run: null,
      session: null,
      cursor: null,
      resumeAt: resumePoint(state) ?? state.resumeAt,
    })),
  openFile: (name) => set({ activeFile: name }),
  revealLocation: (file, line, column) =>
    set((state) => ({
      activeFile: file,
      reveal: { file, line, column, serial: (state.reveal?.serial ?? 0) + 1 },
    })),

  build: null,
  building: false,
  setBuilding: (building) => set({ building }),
  setBuild: (build) => set({ build, building: false }),

  cpus: 2,
  packetCount: 4,
  schedule: { mode: "sequential" },
  setSchedule: (schedule) => set({ schedule, run: null, session: null, cursor: null }),
  setCpus: (cpus) =>
    set({ cpus: Math.max(1, Math.min(64, Math.round(cpus))), run: null, session: null, cursor: null }),
  setPacketCount: (count) => set({ packetCount: Math.max(1, Math.min(100_000, Math.round(count))) }),

  run: null,
  running: false,
  setRunning: (running) => set({ running }),
  setRun: (run) => set({ run, running: false }),

  session: null,
  cursor: null,
  resumeAt: null,
  setSession: (session, cursor) => set({ session, cursor, resumeAt: null }),
  setCursor: (cursor) => set({ cursor }),

  theme: preferredTheme(),
  setTheme: (theme) => set({ theme }),
}));
