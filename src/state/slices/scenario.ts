import type { StateCreator } from "zustand";
import { type ControlAction, MAX_CPUS } from "../../engine";
import type { ScenarioSettings } from "../../lessons";
import { indexKeyHex } from "../derive/map-keys";
import type { TailscopeState } from "../store";
import type { Workspace } from "../workspace";
import { dropRun, noRun } from "./session";

/** Packets a generated stream may have in the app (the scenario file allows more, for the CLI). */
export const MAX_APP_PACKETS = 100_000;

/**
 * The scenario of contract.md §1 besides its sources: what to attach, the CPUs, the packets (a
 * generator or an explicit list), control-plane actions and the schedule; plus the lesson it
 * came from, if any.
 */
export interface ScenarioSlice extends ScenarioSettings {
  title: string;
  lessonId: string | null;
  setSchedule: (schedule: ScenarioSettings["schedule"]) => void;
  /** Attaches another loaded program: packets enter there (the run is dropped). */
  setAttach: (program: string) => void;
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
  /** Adds a control-plane action, replacing one on the same packet, map and key. */
  addControlAction: (action: ControlAction) => void;
  removeControlAction: (position: number) => void;
  /**
   * Sets or clears a prog-array slot from the packet after the cursor's on, as `bpftool map
   * update` would between packets: a control action in the scenario (the run is re-run and the
   * cursor comes back to where it was, so the change shows from the next packet).
   */
  setSlotLive: (map: string, index: number, program: string | null) => void;
  /** Puts a map in a map of maps' slot (or clears it) from the next packet at the cursor on. */
  setInnerMapLive: (map: string, key: string, inner: string | null) => void;
  /** Replaces sources and scenario at once: a lesson, a share link, an imported file. */
  loadWorkspace: (workspace: Workspace) => void;
  /** Counts loaded workspaces: the editor reloads its files when it changes. */
  workspaceSerial: number;
}

/** The fields of the store a workspace sets. */
export function workspaceFields(workspace: Workspace) {
  const { attach, cpus, packets, control, schedule, logpoints, includeDirs } = workspace.settings;
  return {
    logpoints: logpoints ?? [],
    includeDirs,
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

/** The packet a control-plane change made now applies from: the one after the cursor's. */
function nextPacketAtCursor(state: TailscopeState): number {
  const view = state.cursor?.state;
  if (!view) return 0;
  return view.running ? view.running.packet + 1 : view.finishedPackets;
}

export const createScenarioSlice: StateCreator<
  TailscopeState,
  [],
  [],
  Omit<ScenarioSlice, keyof ScenarioSettings | "title" | "lessonId">
> = (set, get) => ({
  setSchedule: (schedule) => set((state) => ({ schedule, ...dropRun(state) })),
  setAttach: (program) => set((state) => ({ attach: { program }, ...dropRun(state) })),
  setCpus: (cpus) =>
    set((state) => {
      const next = Math.max(1, Math.min(MAX_CPUS, Math.round(cpus)));
      // An explicit packet list names its CPUs: those beyond the new count move round-robin.
      const packets = Array.isArray(state.packets)
        ? state.packets.map((p) => (p.cpu < next ? p : { ...p, cpu: p.cpu % next }))
        : state.packets;
      const focusCpu = state.focusCpu !== null && state.focusCpu >= next ? null : state.focusCpu;
      return { cpus: next, packets, focusCpu, ...dropRun(state) };
    }),
  setPacketCount: (count) =>
    set((state) => {
      const clamped = Math.max(1, Math.min(MAX_APP_PACKETS, Math.round(count)));
      const packets = Array.isArray(state.packets)
        ? { count: clamped, cpu: "round-robin" as const, seed: 1, template: "ipv4-udp" as const }
        : { ...state.packets, count: clamped };
      return { packets, ...dropRun(state) };
    }),
  setControl: (control) => set((state) => ({ control, ...dropRun(state) })),
  addControlAction: (action) => {
    const control = [
      ...get().control.filter(
        (a) => !(a.beforePacket === action.beforePacket && a.map === action.map && a.key === action.key),
      ),
      action,
    ].sort((a, b) => a.beforePacket - b.beforePacket);
    get().setControl(control);
  },
  removeControlAction: (position) => get().setControl(get().control.filter((_, i) => i !== position)),
  setSlotLive: (map, index, program) => {
    const beforePacket = nextPacketAtCursor(get());
    // A prog array is keyed by a u32.
    const key = indexKeyHex(index, 4);
    get().addControlAction(
      program ? { beforePacket, op: "update", map, key, program } : { beforePacket, op: "delete", map, key },
    );
  },
  setInnerMapLive: (map, key, inner) => {
    const beforePacket = nextPacketAtCursor(get());
    get().addControlAction(
      inner
        ? { beforePacket, op: "update", map, key, innerMap: inner }
        : { beforePacket, op: "delete", map, key },
    );
  },
  setGenerator: (change) =>
    set((state) =>
      Array.isArray(state.packets) ? {} : { packets: { ...state.packets, ...change }, ...dropRun(state) },
    ),
  loadWorkspace: (workspace) =>
    set((state) => ({
      ...workspaceFields(workspace),
      breakpoints: [],
      playing: false,
      ...noRun,
      reveal: null,
      // Another lesson or work: its own tour, not started; its questions not asked.
      tourStop: null,
      pendingQuestion: null,
      answeredQuestions: [],
      workspaceSerial: state.workspaceSerial + 1,
    })),
  workspaceSerial: 0,
});
