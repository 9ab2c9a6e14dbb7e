import { create } from "zustand";
import { defaultLesson } from "../lessons";
import { workerEngine } from "../worker/engine-client";
import { storedBusyMark } from "./busy-mark";
import type { EngineClient } from "./engine-client";
import { createDebuggerSlice, type DebuggerSlice } from "./slices/debugger";
import { createDebuggingSlice, type DebuggingSlice } from "./slices/debugging";
import { createScenarioSlice, type ScenarioSlice, workspaceFields } from "./slices/scenario";
import { type BusyMark, createSessionSlice, noBusyMark, type SessionSlice } from "./slices/session";
import { createSourceSlice, type SourceSlice } from "./slices/source";
import { createUiSlice, type UiSlice } from "./slices/ui";
import { describeHang, guarded, WATCHDOG_MS } from "./watchdog";
import type { Workspace } from "./workspace";

export type { EventBreak, LineBreakpoint } from "./slices/debugger";
export { type ResumePoint, resumePointOf } from "./slices/session";
export type { RevealRequest } from "./slices/source";
export type { Notice, PendingOpen, ThemeName } from "./slices/ui";
export type { Workspace };

/** The whole store: named slices, each with its state and its actions. */
export type TailscopeState = SourceSlice &
  ScenarioSlice &
  SessionSlice &
  DebuggerSlice &
  DebuggingSlice &
  UiSlice;

/** A store over an engine, opened on a workspace: the app's (below), or a test's in-process one. */
export function createTailscopeStore(
  engine: EngineClient,
  workspace: Workspace,
  busy: BusyMark = noBusyMark,
) {
  const store = create<TailscopeState>()((...a) => ({
    ...createDebuggingSlice(engine)(...a),
    ...workspaceFields(workspace),
    ...createSourceSlice(...a),
    ...createScenarioSlice(...a),
    ...createSessionSlice(engine, busy)(...a),
    ...createDebuggerSlice(...a),
    ...createUiSlice(...a),
  }));
  // Logpoints, watches and a comparison belong to a run: each new run asks for them again.
  store.subscribe((state, previous) => {
    if (state.session === previous.session) return;
    if (state.session) void state.refreshDebugging();
    else if (state.why) store.setState({ why: null });
  });
  return store;
}

/** The default lesson; the saved workspace, read from IndexedDB, replaces it before the app renders (main.tsx). */
const startWorkspace: Workspace = {
  title: defaultLesson.title,
  lessonId: defaultLesson.id,
  files: defaultLesson.files,
  main: defaultLesson.main,
  settings: defaultLesson.settings,
};

/**
 * The app's store, over the engine in its Web Worker behind the watchdog: an engine that stops
 * answering is restarted, and the app says what it was doing.
 */
export const useTailscope = createTailscopeStore(
  guarded(
    workerEngine(),
    (hang) => useTailscope.getState().setNotice({ kind: "error", text: describeHang(hang) }),
    watchdogLimits,
  ),
  startWorkspace,
  // An embed in someone's page writes nothing to that page's storage, not even the crash mark.
  isEmbed() ? noBusyMark : storedBusyMark(),
);

/** This page is the embed (embed.html marks its root element), not the app. */
export function isEmbed(): boolean {
  return typeof document !== "undefined" && document.documentElement.dataset.embed === "true";
}

/**
 * The watchdog's limits now; a developer setting (`tailscope.watchdogMs` in localStorage)
 * changes them all, to see the watchdog at work without a source that takes that long.
 */
function watchdogLimits() {
  try {
    const ms = Number(globalThis.localStorage?.getItem("tailscope.watchdogMs"));
    if (ms > 0) return { build: ms, move: ms, run: ms };
  } catch {
    // storage disabled: the usual limits
  }
  return WATCHDOG_MS;
}

/** The state's workspace, as saved, shared and exported. */
export function workspaceOf(state: TailscopeState): Workspace {
  const { title, lessonId, files, main, attach, cpus, packets, control, schedule, logpoints } = state;
  const settings = {
    attach,
    cpus,
    packets,
    control,
    schedule,
    ...(logpoints.length > 0 ? { logpoints } : {}),
  };
  return { title, lessonId, files, main, settings };
}
