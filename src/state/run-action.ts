import { proxy } from "comlink";
import type { ControlAction, Move } from "../engine";
import type { CursorState, RunRequest } from "../worker/engine-api";
import { engineWorker, restartEngine } from "../worker/engine-client";
import { indexKeyHex } from "./derive/map-keys";
import { type ResumePoint, type TailscopeState, useTailscope } from "./store";

/**
 * Runs the scenario's packets in the engine worker and stores the report (or why it could not
 * run), then traces the same run so the cursor can step through it, starting at step 0.
 */
export async function runPackets(): Promise<void> {
  const state = useTailscope.getState();
  const { resumeAt, setRunning, setRun, setSession } = state;
  const request = runRequestOf(state);
  const run = ++latestRun;
  setRunning(true);
  const cancelled = new Promise<typeof CANCELLED>((resolve) => {
    cancelCurrent = () => resolve(CANCELLED);
  });
  const engine = engineWorker();
  const result = await Promise.race([engine.run(request, progressTo("running")), cancelled]);
  if (result === CANCELLED || outdated(run, request)) return;
  if (!result.ok) {
    setSession(null, null);
    setRun({
      error:
        result.error.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join("\n") ||
        `the ${result.error.stage} stage failed`,
    });
    return;
  }
  const traced = await Promise.race([engine.trace(request, progressTo("tracing")), cancelled]);
  if (traced === CANCELLED || outdated(run, request)) return;
  // The cursor starts at the end, where the report is (stepping back replays the story), or,
  // after an edit, at the same packet and hop when they still exist, or at a share link's step.
  if (traced.ok) {
    const cut = traced.run.truncatedAfter;
    if (cut !== null)
      state.setNotice({
        kind: "info",
        text: `This run is long: its first ${cut.toLocaleString("en")} statements are recorded one by one; after that, packets, tail calls, printk lines and map writes are. Stepping works everywhere; line breakpoints and step over/out stop at step ${cut.toLocaleString("en")}.`,
      });
    setSession(
      { totalSteps: traced.run.totalSteps, timeline: await engine.timeline() },
      (await resumedCursor(resumeAt)) ?? (await engine.seek(traced.run.totalSteps)),
    );
  }
  setRun({ report: result.report });
}

const CANCELLED = Symbol("cancelled");
/** Counts runs started, so a run overtaken by a newer one leaves the store to it. */
let latestRun = 0;

/**
 * Whether a run's result no longer belongs in the store: a newer run has started, or the sources
 * or scenario changed while it ran (say, mid-word while typing). The change already dropped the
 * session and kept where to resume; the build or re-run it starts brings the cursor back.
 */
function outdated(run: number, request: RunRequest): boolean {
  if (run !== latestRun) return true;
  const now = runRequestOf(useTailscope.getState());
  const changed = (Object.keys(request) as (keyof RunRequest)[]).some((key) => request[key] !== now[key]);
  if (changed) useTailscope.getState().setRunning(false);
  return changed;
}
let cancelCurrent: (() => void) | null = null;

/** Progress reports from the worker into the store (comlink calls the proxy back). */
function progressTo(phase: "running" | "tracing") {
  return proxy((done: number, total: number) => {
    if (useTailscope.getState().running) useTailscope.getState().setProgress({ phase, done, total });
  });
}

/**
 * Stops a long run: the worker is ended (a run in progress cannot be interrupted from outside,
 * and the UI must not wait for it) and a fresh one takes over; the sources stay as they are.
 */
export function cancelRun(): void {
  if (!useTailscope.getState().running) return;
  cancelCurrent?.();
  cancelCurrent = null;
  restartEngine();
  const { setSession, setRun, setNotice } = useTailscope.getState();
  setSession(null, null);
  setRun(null);
  setNotice({ kind: "info", text: "Run cancelled. Lower the packet count, or run again and let it finish." });
}

function resumedCursor(resumeAt: ResumePoint | null): Promise<CursorState | null> {
  if (!resumeAt || resumeAt === "end") return Promise.resolve(null);
  if ("step" in resumeAt) return engineWorker().seek(resumeAt.step);
  return engineWorker().locate(resumeAt.packet, resumeAt.hop);
}

/** The scenario as the engine takes it. */
export function runRequestOf(state: TailscopeState): RunRequest {
  const { files, main, attach, cpus, packets, control, schedule } = state;
  return { files, main, entry: attach?.program, cpus, packets, control, schedule };
}

/** The packet a control-plane change made now applies from: the one after the cursor's. */
function nextPacketAtCursor(state: TailscopeState): number {
  const view = state.cursor?.state;
  if (!view) return 0;
  return view.running ? view.running.packet + 1 : view.finishedPackets;
}

/**
 * Sets or clears a prog-array slot from the next packet on, as `bpftool map update` would between
 * packets: a control action in the scenario. A run in progress is re-run (by the build driver)
 * and the cursor comes back to where it was, so the change shows from the next packet.
 */
export function setSlotLive(map: string, index: number, program: string | null): void {
  const state = useTailscope.getState();
  const beforePacket = nextPacketAtCursor(state);
  // A prog array is keyed by a u32.
  const key = indexKeyHex(index, 4);
  const action: ControlAction = program
    ? { beforePacket, op: "update", map, key, program }
    : { beforePacket, op: "delete", map, key };
  addControlAction(action);
}

/** Adds a control-plane action (replacing one on the same packet, map and key), re-running as `setSlotLive` does. */
export function addControlAction(action: ControlAction): void {
  const state = useTailscope.getState();
  const control = [
    ...state.control.filter(
      (a) => !(a.beforePacket === action.beforePacket && a.map === action.map && a.key === action.key),
    ),
    action,
  ].sort((a, b) => a.beforePacket - b.beforePacket);
  state.setControl(control);
}

/** Removes one control-plane action, re-running as `setSlotLive` does. */
export function removeControlAction(position: number): void {
  const state = useTailscope.getState();
  state.setControl(state.control.filter((_, i) => i !== position));
}

/**
 * Cursor moves run one after another: each starts from where the previous one landed, so a
 * key held down or pressed twice quickly moves twice, never twice from the same place.
 */
let moves: Promise<void> = Promise.resolve();

function enqueue(task: () => Promise<void>): Promise<void> {
  moves = moves.then(task, task);
  return moves;
}

/** Moves the cursor (a step, a hop, a packet, back or forth) over the traced run. */
export function moveCursor(move: Move): Promise<void> {
  return moveCursorTo(move);
}

/**
 * A move, with what it may report: a conditional breakpoint whose condition could not be
 * evaluated where the run stopped is marked with the reason.
 */
export function moveCursorTo(move: Move): Promise<void> {
  return enqueue(async () => {
    const { session, cursor, setCursor } = useTailscope.getState();
    if (!session) return;
    const landed = await engineWorker().move(cursor?.step ?? 0, move);
    setCursor(landed);
    const error = landed?.conditionError;
    if (error) {
      const line = landed?.state.running?.frames.at(-1);
      const { breakpoints, setBreakpoints } = useTailscope.getState();
      setBreakpoints(
        breakpoints.map((b) => (line && b.file === line.file && b.line === line.line ? { ...b, error } : b)),
      );
    }
  });
}

/** To any step (the timeline's scrubber, a trace-log line). */
export function seekCursor(step: number): Promise<void> {
  return enqueue(async () => {
    const { session, setCursor } = useTailscope.getState();
    if (session) setCursor(await engineWorker().seek(step));
  });
}

/** Back to step 0, before the first packet. */
export function resetCursor(): Promise<void> {
  return enqueue(async () => {
    const { session, setCursor } = useTailscope.getState();
    if (session) setCursor(await engineWorker().seek(0));
  });
}

/** To the end of the run. */
export function endCursor(): Promise<void> {
  return enqueue(async () => {
    const { session, setCursor } = useTailscope.getState();
    if (session) setCursor(await engineWorker().seek(session.totalSteps));
  });
}
