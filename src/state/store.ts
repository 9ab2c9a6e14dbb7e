import { create } from "zustand";
import { type BuildSummary, MAX_CPUS, type RunReport } from "../engine";
import { defaultLesson, type ScenarioSettings } from "../lessons";
import { initialWorkspace } from "./persistence";
import type { Workspace } from "./workspace";

export type { Workspace };

import type { CursorState, TimelineData } from "../worker/engine-api";

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

/**
 * The scenario of contract.md §1 besides its sources: what to attach, the CPUs, the packets (a
 * generator or an explicit list), control-plane actions and the schedule; plus the lesson it
 * came from, if any.
 */
export interface ScenarioSlice extends ScenarioSettings {
  title: string;
  lessonId: string | null;
  setSchedule: (schedule: ScenarioSettings["schedule"]) => void;
  setCpus: (cpus: number) => void;
  /** The generator's packet count (an explicit packet list is replaced by a generator of that many). */
  setPacketCount: (count: number) => void;
  /** Changes the packet generator's template, CPU policy or seed. */
  setGenerator: (
    change: Partial<
      Pick<Extract<ScenarioSettings["packets"], { count: number }>, "template" | "cpu" | "seed">
    >,
  ) => void;
  /** The control-plane actions (a slot set from the graph, an action removed). */
  setControl: (control: ScenarioSettings["control"]) => void;
  /** Replaces sources and scenario at once: a lesson, a share link, an imported file. */
  loadWorkspace: (workspace: Workspace) => void;
  /** Counts loaded workspaces: the editor reloads its files when it changes. */
  workspaceSerial: number;
}

export interface RunSlice {
  /** The last run's report, or why it could not run; cleared when the sources change. */
  run: { readonly report: RunReport } | { readonly error: string } | null;
  running: boolean;
  setRunning: (running: boolean) => void;
  /** How far a long run has got, for the progress bar. */
  progress: { readonly phase: "running" | "tracing"; readonly done: number; readonly total: number } | null;
  setProgress: (progress: RunSlice["progress"]) => void;
  setRun: (run: RunSlice["run"]) => void;
}

/**
 * Where the cursor should land after the next run: a packet and how many hops into it (after an
 * edit), a step (a share link's cursor), or the run's end.
 */
export type ResumePoint =
  | { readonly packet: number; readonly hop: number }
  | { readonly step: number }
  | "end";

/** Where the cursor stands, as a point a re-run can come back to (null before any run). */
export function resumePointOf(state: { cursor: CursorState | null }): ResumePoint | null {
  if (!state.cursor) return null;
  const running = state.cursor.state.running;
  return running ? { packet: running.packet, hop: running.programs.length - 1 } : "end";
}

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

export interface BreakpointSlice {
  breakpoints: readonly LineBreakpoint[];
  setBreakpoints: (breakpoints: readonly LineBreakpoint[]) => void;
  /** Events the run also stops at (see state/breakpoints.ts). */
  eventBreaks: readonly EventBreak[];
  setEventBreaks: (kinds: readonly EventBreak[]) => void;
  /** Playing: the cursor steps on by itself, this many steps a second. */
  playing: boolean;
  speed: number;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
}

export interface CursorSlice {
  /** The CPU the steps follow, or null for all CPUs. */
  focusCpu: number | null;
  setFocusCpu: (cpu: number | null) => void;
  /** Set when an edit dropped a traced run: the next build re-runs it and returns here. */
  resumeAt: ResumePoint | null;
  /** The traced run the cursor moves over (kept in the engine worker), or null before a run. */
  session: { readonly totalSteps: number; readonly timeline?: TimelineData | null } | null;
  /** Where the cursor stands: the machine at that step. */
  cursor: CursorState | null;
  setSession: (session: CursorSlice["session"], cursor: CursorState | null) => void;
  setCursor: (cursor: CursorState | null) => void;
}

/** Something to open that would replace unsaved edits: the user decides first. */
export interface PendingOpen {
  readonly workspace: Workspace;
  /** Where a share link's cursor stood. */
  readonly step: number | null;
}

/** A message for the user that is not a diagnostic: a broken link, a file that is not a scenario. */
export interface Notice {
  readonly kind: "error" | "info";
  readonly text: string;
}

export interface UiSlice {
  theme: ThemeName;
  setTheme: (theme: ThemeName) => void;
  /** Large type, graph and code side by side, a key legend: for a projector. */
  classroom: boolean;
  setClassroom: (on: boolean) => void;
  galleryOpen: boolean;
  setGalleryOpen: (open: boolean) => void;
  pendingOpen: PendingOpen | null;
  setPendingOpen: (pending: PendingOpen | null) => void;
  notice: Notice | null;
  setNotice: (notice: Notice | null) => void;
}

export type TailscopeState = SourceSlice &
  BuildSlice &
  ScenarioSlice &
  RunSlice &
  CursorSlice &
  BreakpointSlice &
  UiSlice;

function preferredTheme(): ThemeName {
  if (typeof window === "undefined" || !window.matchMedia) return "dark";
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

const noRun = { run: null, session: null, cursor: null, resumeAt: null } as const;

/**
 * A change to the scenario drops the run; if there was one, the next run (started by the build
 * driver) brings the cursor back to the same packet and hop.
 */
function rerun(state: TailscopeState) {
  return { run: null, session: null, cursor: null, resumeAt: resumePointOf(state) ?? state.resumeAt };
}

function workspaceFields(workspace: Workspace) {
  const { attach, cpus, packets, control, schedule } = workspace.settings;
  return {
    title: workspace.title,
    lessonId: workspace.lessonId,
    files: { ...workspace.files },
    main: workspace.main,
    activeFile: workspace.main,
    attach,
    cpus,
    packets,
    control,
    schedule,
  };
}

const startWorkspace = initialWorkspace() ?? {
  title: defaultLesson.title,
  lessonId: defaultLesson.id,
  files: defaultLesson.files,
  main: defaultLesson.main,
  settings: defaultLesson.settings,
};

export const useTailscope = create<TailscopeState>()((set) => ({
  ...workspaceFields(startWorkspace),
  reveal: null,
  setFileText: (name, text) =>
    set((state) => ({
      files: { ...state.files, [name]: text },
      run: null,
      session: null,
      cursor: null,
      resumeAt: resumePointOf(state) ?? state.resumeAt,
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

  setSchedule: (schedule) => set((state) => ({ schedule, ...rerun(state) })),
  setCpus: (cpus) =>
    set((state) => {
      const next = Math.max(1, Math.min(MAX_CPUS, Math.round(cpus)));
      // An explicit packet list names its CPUs: those beyond the new count move round-robin.
      const packets = Array.isArray(state.packets)
        ? state.packets.map((p) => (p.cpu < next ? p : { ...p, cpu: p.cpu % next }))
        : state.packets;
      const focusCpu = state.focusCpu !== null && state.focusCpu >= next ? null : state.focusCpu;
      return { cpus: next, packets, focusCpu, ...rerun(state) };
    }),
  setPacketCount: (count) =>
    set((state) => {
      const clamped = Math.max(1, Math.min(100_000, Math.round(count)));
      const packets = Array.isArray(state.packets)
        ? { count: clamped, cpu: "round-robin" as const, seed: 1, template: "ipv4-udp" as const }
        : { ...state.packets, count: clamped };
      return { packets, ...rerun(state) };
    }),
  setControl: (control) => set((state) => ({ control, ...rerun(state) })),
  setGenerator: (change) =>
    set((state) =>
      Array.isArray(state.packets) ? {} : { packets: { ...state.packets, ...change }, ...rerun(state) },
    ),
  loadWorkspace: (workspace) =>
    set((state) => ({
      ...workspaceFields(workspace),
      breakpoints: [],
      playing: false,
      ...noRun,
      reveal: null,
      workspaceSerial: state.workspaceSerial + 1,
    })),
  workspaceSerial: 0,

  run: null,
  running: false,
  setRunning: (running) => set({ running, progress: null }),
  progress: null,
  setProgress: (progress) => set({ progress }),
  setRun: (run) => set({ run, running: false, progress: null }),

  breakpoints: [],
  setBreakpoints: (breakpoints) => set({ breakpoints }),
  eventBreaks: [],
  setEventBreaks: (eventBreaks) => set({ eventBreaks }),
  playing: false,
  speed: 4,
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  focusCpu: null,
  setFocusCpu: (focusCpu) => set({ focusCpu }),
  session: null,
  cursor: null,
  resumeAt: null,
  setSession: (session, cursor) => set({ session, cursor, resumeAt: null }),
  setCursor: (cursor) => set({ cursor }),

  theme: preferredTheme(),
  setTheme: (theme) => set({ theme }),
  classroom: false,
  // A projector reads dark-on-light best: classroom mode starts in the light theme.
  setClassroom: (classroom) => set(classroom ? { classroom, theme: "light" } : { classroom }),
  galleryOpen: false,
  setGalleryOpen: (galleryOpen) => set({ galleryOpen }),
  pendingOpen: null,
  setPendingOpen: (pendingOpen) => set({ pendingOpen }),
  notice: null,
  setNotice: (notice) => set({ notice }),
}));

/** The state's workspace, as saved, shared and exported. */
export function workspaceOf(state: TailscopeState): Workspace {
  const { title, lessonId, files, main, attach, cpus, packets, control, schedule } = state;
  return { title, lessonId, files, main, settings: { attach, cpus, packets, control, schedule } };
}
