import type { StateCreator } from "zustand";
import type {
  BuildSummary,
  CursorState,
  EventFilter,
  EventWindow,
  Move,
  RunReport,
  RunRequest,
  TimelineData,
  TraceLogWindow,
} from "../../engine";
import { lessonById, type Question } from "../../lessons";
import { longRunNotice } from "../derive/long-run";
import type { EngineClient } from "../engine-client";
import type { TailscopeState } from "../store";
import { EngineHung } from "../watchdog";

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

/** The recorded run the cursor moves over (kept in the engine), as the app holds it. */
export interface RecordedRun {
  readonly totalSteps: number;
  /** Past this step statements are summarised, not recorded one by one. */
  readonly truncatedAfter: number | null;
  readonly timeline: TimelineData;
}

export interface SessionSlice {
  /** The latest finished build of the current sources (null until the first one ends). */
  build: BuildSummary | null;
  /**
   * The last build that loaded (this one, or an earlier one while the sources do not build):
   * the graph keeps showing it, marked as out of date, instead of going blank.
   */
  lastLoadedBuild: BuildSummary | null;
  building: boolean;
  /**
   * Set when the app opened after a session that ended while building or running (a crash, a
   * tab that died): nothing is built or run until the user asks, so the input that broke it
   * cannot break it again on every reload.
   */
  safeMode: { readonly task: string; readonly file: string } | null;
  /** Leaves safe mode and builds. */
  buildNow: () => void;
  /** The last run's report, or why it could not run; cleared when the scenario changes. */
  run: { readonly report: RunReport } | { readonly error: string } | null;
  running: boolean;
  /** How far a long run has got, for the progress bar. */
  progress: { readonly done: number; readonly total: number } | null;
  /** The recorded run, or null before a run. */
  session: RecordedRun | null;
  /** Where the cursor stands: the machine at that step. */
  cursor: CursorState | null;
  /** Where it stood before the last move: views compare the two to show what the move did. */
  previousCursor: CursorState | null;
  /** Set when a change dropped the recorded run: the next run comes back here. */
  resumeAt: ResumePoint | null;

  /** Builds the current sources (the build driver calls it after each pause in typing). */
  rebuild: () => Promise<void>;
  /** Runs the scenario once, recorded, and puts the cursor at its end (or where to resume). */
  runScenario: () => Promise<void>;
  /** Stops a long run; the sources stay as they are. */
  cancelRun: () => void;
  /** Moves the cursor (a step, a hop, a packet, a breakpoint, back or forth). */
  moveCursor: (move: Move) => Promise<void>;
  /** To any step (the timeline's scrubber, a trace-log line, the start, the end). */
  seekCursor: (step: number) => Promise<void>;
  /**
   * To a packet's n-th tail call that jumped (0: its first statement); nowhere if it has none. A
   * jump, not a move: nothing flashes as written or undone, the narration says where it is.
   */
  locateCursor: (packet: number, hop: number) => Promise<void>;
  /** The machine at a step, without moving the cursor (exports of a range of steps); null with no run. */
  cursorAt: (step: number) => Promise<CursorState | null>;
  /** Resolves once every move asked for so far has landed. */
  movesSettled: () => Promise<void>;
  /** A window of the recorded run's trace log. */
  traceLogWindow: (
    from: number,
    count: number,
    cpu: number | null,
    program: string | null,
    /** Count the lines printed by this step (`printed`); null: all. */
    step?: number | null,
  ) => Promise<TraceLogWindow>;
  /** A window of the recorded run's events, and how many had happened by `step`. */
  eventWindow: (
    from: number,
    count: number,
    filter: EventFilter,
    step: number | null,
  ) => Promise<EventWindow>;
  /** Whether a breakpoint condition compiles at its line against the recorded run: null or why not. */
  checkCondition: (file: string, line: number, condition: string) => Promise<string | null>;
}

/** The scenario as the engine takes it. */
export function runRequestOf(state: TailscopeState): RunRequest {
  const { files, main, includeDirs, attach, cpus, packets, control, schedule } = state;
  return { files, main, includeDirs, entry: attach?.program, cpus, packets, control, schedule };
}

/** What a change to the scenario does to the run: drops it, remembering where to come back to. */
export function dropRun(state: TailscopeState) {
  return {
    run: null,
    session: null,
    cursor: null,
    previousCursor: null,
    resumeAt: resumePointOf(state) ?? state.resumeAt,
  };
}

export const noRun = {
  run: null,
  session: null,
  cursor: null,
  previousCursor: null,
  resumeAt: null,
} as const;

/**
 * The session slice: builds, the one recorded run and the cursor over it, all through the
 * engine client. Runs and moves are coordinated here: only the newest build or run may land,
 * a cancelled run never does, and moves run one after another, each from where the last landed.
 */
/**
 * Remembers, outside the page, what the engine is doing: if the page dies in the middle, the next
 * load finds the mark and opens in safe mode (see SessionSlice.safeMode).
 */
export interface BusyMark {
  /** What was in flight when the last session ended, if anything was. */
  readonly leftOver: { readonly task: string; readonly file: string } | null;
  begin(task: "build" | "run", file: string): void;
  end(): void;
}

export const noBusyMark: BusyMark = { leftOver: null, begin: () => {}, end: () => {} };

export function createSessionSlice(
  engine: EngineClient,
  busy: BusyMark = noBusyMark,
): StateCreator<TailscopeState, [], [], SessionSlice> {
  return (set, get) => {
    let latestBuild = 0;
    let latestRun = 0;
    let cancelCurrent: (() => void) | null = null;
    let moves: Promise<void> = Promise.resolve();
    const CANCELLED = Symbol("cancelled");

    /** Moves run in turn: a key held down or pressed twice quickly moves twice, never twice from one place. */
    const enqueue = (task: () => Promise<void>): Promise<void> => {
      moves = moves.then(task, task);
      return moves;
    };

    const land = (cursor: CursorState | null) => set((state) => ({ cursor, previousCursor: state.cursor }));

    /** Where each question of the run stands (a step), found once per recorded run. */
    const questionSteps = new WeakMap<object, Map<string, number | null>>();

    /** The first question not yet answered whose step a forward move from `from` to `to` would pass. */
    const questionOnTheWay = async (from: number, to: number): Promise<Question | null> => {
      const state = get();
      if (!state.askQuestions || to <= from || !state.session) return null;
      const lesson = state.lessonId ? lessonById(state.lessonId) : undefined;
      const open = (lesson?.questions ?? []).filter((q) => !state.answeredQuestions.includes(q.id));
      if (open.length === 0) return null;
      let steps = questionSteps.get(state.session);
      if (!steps) {
        steps = new Map();
        questionSteps.set(state.session, steps);
      }
      for (const question of open) {
        if (!steps.has(question.id)) {
          const found = await engine.locate(question.at.packet, question.at.hop).catch(() => null);
          steps.set(question.id, found?.step ?? null);
        }
        const step = steps.get(question.id);
        if (step !== null && step !== undefined && from < step && step <= to) return question;
      }
      return null;
    };

    /** A call the watchdog ended: the engine restarted without the run, so the app forgets it too. */
    const forgetHung = (error: unknown): null => {
      if (!(error instanceof EngineHung)) throw error;
      set({ ...noRun });
      return null;
    };

    /**
     * Whether a run's result no longer belongs in the store: a newer run has started, or the
     * scenario changed while it ran (say, mid-word while typing). The change already dropped the
     * run and kept where to resume; the build or re-run it starts brings the cursor back.
     */
    const outdated = (run: number, request: RunRequest): boolean => {
      if (run !== latestRun) return true;
      const now = runRequestOf(get());
      const changed = (Object.keys(request) as (keyof RunRequest)[]).some((key) => request[key] !== now[key]);
      if (changed) set({ running: false, progress: null });
      return changed;
    };

    const resumedCursor = (resumeAt: ResumePoint | null, totalSteps: number): Promise<CursorState | null> => {
      if (!resumeAt || resumeAt === "end") return engine.seek(totalSteps);
      if ("step" in resumeAt) return engine.seek(resumeAt.step);
      return engine.locate(resumeAt.packet, resumeAt.hop).then((found) => found ?? engine.seek(totalSteps));
    };

    /** Runs engine work with the busy mark set; a hang the watchdog ended resolves to null. */
    const marked = async <T>(task: "build" | "run", work: () => Promise<T>): Promise<T | null> => {
      busy.begin(task, get().main);
      try {
        return await work();
      } catch (error) {
        if (error instanceof EngineHung) return null;
        throw error;
      } finally {
        busy.end();
      }
    };

    return {
      build: null,
      lastLoadedBuild: null,
      building: false,
      safeMode: busy.leftOver,
      buildNow: () => {
        set({ safeMode: null });
        void get().rebuild();
      },
      run: null,
      running: false,
      progress: null,
      session: null,
      cursor: null,
      previousCursor: null,
      resumeAt: null,

      rebuild: async () => {
        if (get().safeMode) return;
        const request = ++latestBuild;
        const { files, main, includeDirs } = get();
        set({ building: true });
        const summary = await marked("build", () => engine.build({ files, main, includeDirs }));
        if (request !== latestBuild) return;
        if (!summary) {
          set({ building: false });
          return;
        }
        set((state) => ({
          build: summary,
          building: false,
          lastLoadedBuild: summary.loaded ? summary : state.lastLoadedBuild,
        }));
        // Editing during a step-through re-runs and brings the cursor back to its packet and hop.
        if (summary.runnable && get().resumeAt) void get().runScenario();
      },

      runScenario: async () => {
        const state = get();
        const request = runRequestOf(state);
        const run = ++latestRun;
        set({ running: true, progress: null });
        const cancelled = new Promise<typeof CANCELLED>((resolve) => {
          cancelCurrent = () => resolve(CANCELLED);
        });
        const onProgress = (done: number, total: number) => {
          if (get().running && run === latestRun) set({ progress: { done, total } });
        };
        const outcome = await Promise.race([marked("run", () => engine.run(request, onProgress)), cancelled]);
        if (outcome === CANCELLED || outdated(run, request)) return;
        if (outcome === null) {
          set({ ...noRun, running: false, progress: null });
          return;
        }
        if (!outcome.ok) {
          const { diagnostics, stage } = outcome.error;
          const error =
            diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join("\n") ||
            `the ${stage} stage failed`;
          set({ ...noRun, run: { error }, running: false, progress: null });
          return;
        }
        const { report, totalSteps, truncatedAfter, unrecorded, timeline } = outcome;
        const longRun = longRunNotice(totalSteps, truncatedAfter, unrecorded, report.packets.length);
        if (longRun) get().setNotice({ kind: "info", text: longRun });
        // The cursor starts at the end, where the report is (stepping back replays the story), or,
        // after an edit, at the same packet and hop when they still exist, or at a share link's step.
        const cursor = await resumedCursor(state.resumeAt, totalSteps);
        if (run !== latestRun) return;
        set({
          run: { report },
          running: false,
          progress: null,
          session: { totalSteps, truncatedAfter, timeline },
          cursor,
          previousCursor: null,
          resumeAt: null,
        });
      },

      cancelRun: () => {
        if (!get().running) return;
        cancelCurrent?.();
        cancelCurrent = null;
        latestRun++;
        engine.restart();
        set({ ...noRun, running: false, progress: null });
        get().setNotice({
          kind: "info",
          text: "Run cancelled. Lower the packet count, or run again and let it finish.",
        });
      },

      moveCursor: (move) =>
        enqueue(async () => {
          const { session, cursor } = get();
          if (!session) return;
          const landed = await engine.move(cursor?.step ?? 0, move).catch(forgetHung);
          const question = landed ? await questionOnTheWay(cursor?.step ?? 0, landed.step) : null;
          if (question && landed) {
            // Predict, then see: the move waits for the answer (and playing stops for it).
            set({ pendingQuestion: { question, landing: landed, chosen: null }, playing: false });
            return;
          }
          land(landed);
          const error = landed?.conditionError;
          if (!error) return;
          // A conditional breakpoint that could not be evaluated where the run stopped says why.
          const frame = landed?.state.running?.frames.at(-1);
          const { breakpoints, setBreakpoints } = get();
          setBreakpoints(
            breakpoints.map((b) =>
              frame && b.file === frame.file && b.line === frame.line ? { ...b, error } : b,
            ),
          );
        }),

      seekCursor: (step) =>
        enqueue(async () => {
          if (get().session) land(await engine.seek(step).catch(forgetHung));
        }),

      movesSettled: () => enqueue(async () => {}),

      locateCursor: (packet, hop) =>
        enqueue(async () => {
          if (!get().session) return;
          const found = await engine.locate(packet, hop).catch(forgetHung);
          if (found) set({ cursor: found, previousCursor: null });
        }),

      cursorAt: async (step) => (get().session ? engine.seek(step).catch(forgetHung) : null),

      traceLogWindow: (from, count, cpu, program, step = null) =>
        engine
          .traceLog(from, count, cpu, program, step)
          .catch((error) => forgetHung(error) ?? { total: 0, printed: 0, lines: [] }),

      eventWindow: (from, count, filter, step) =>
        engine
          .events(from, count, filter, step)
          .catch((error) => forgetHung(error) ?? { total: 0, happened: 0, events: [] }),

      checkCondition: (file, line, condition) =>
        engine.checkCondition(file, line, condition).catch((error) => forgetHung(error)),
    };
  };
}
