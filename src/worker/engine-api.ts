import {
  type BuildSummary,
  type CompileInput,
  type CompileResult,
  type CursorState,
  compile,
  type EventFilter,
  type EventWindow,
  type Move,
  type MoveResult,
  type RunError,
  type RunReport,
  type RunRequest,
  Session,
  type StageListener,
  summarize,
  type TimelineData,
  type TraceLogWindow,
  type UnrecordedTail,
} from "../engine";

import { answerDebug, type DebugAnswer, type DebugQuery, type DebugSessions } from "./debug-queries";

/** Packets finished and the total; comlink carries the calls back to the app as they happen. */
export type ProgressCallback = (done: number, total: number) => void;

/** A recorded run, as the app keeps it: the report, its size, and the timeline to draw. */
export interface RunOutcomeOk {
  readonly ok: true;
  readonly report: RunReport;
  readonly totalSteps: number;
  /** Past this step statements are summarised, not recorded one by one (a very long run). */
  readonly truncatedAfter: number | null;
  /** The packets past the recorded ones, kept only in the report. */
  readonly unrecorded: UnrecordedTail | null;
  readonly timeline: TimelineData;
}

export type RunOutcome = RunOutcomeOk | { readonly ok: false; readonly error: RunError };

/**
 * What the engine worker offers the app (comlink turns each method into an async call): a build
 * of the sources on every edit, and one session for the last run, which the cursor moves over.
 * The last build is kept, so a run of the same sources does not compile them again.
 */
export function createEngineApi() {
  let lastBuild: { readonly sources: CompileInput; readonly result: CompileResult } | null = null;
  let session: Session | null = null;
  /** The current run's session and a run pinned for comparison (kept across runs). */
  const debugging: DebugSessions = { session: null, pinned: null };

  const builtFor = (sources: CompileInput): CompileResult | undefined =>
    lastBuild && sameSources(lastBuild.sources, sources) ? lastBuild.result : undefined;

  return {
    build(sources: CompileInput, onStage?: StageListener): BuildSummary {
      const result = compile(sources, onStage);
      lastBuild = { sources, result };
      return summarize(result);
    },

    /** Runs the scenario once, recording it, and keeps the session for the cursor. */
    run(request: RunRequest, onProgress?: ProgressCallback): RunOutcome {
      session = null;
      debugging.session = null;
      const started = Session.start(request, {
        record: true,
        onProgress,
        built: builtFor(request),
      });
      if (!started.ok) return started;
      session = started.session;
      debugging.session = session;
      return {
        ok: true,
        report: session.report,
        totalSteps: session.totalSteps,
        truncatedAfter: session.truncatedAfter,
        unrecorded: session.unrecorded,
        timeline: session.timeline(),
      };
    },

    seek(step: number): CursorState | null {
      return session?.seek(step) ?? null;
    },
    move(current: number, move: Move): MoveResult | null {
      return session?.move(current, move) ?? null;
    },
    /** The cursor at a packet's n-th hop (after an edit re-ran the scenario), or null if it is gone. */
    locate(packet: number, hop: number): CursorState | null {
      return session?.locate(packet, hop) ?? null;
    },
    traceLog(
      from: number,
      count: number,
      cpu: number | null,
      program: string | null,
      step: number | null,
    ): TraceLogWindow {
      return session?.traceLog(from, count, cpu, program, step) ?? { total: 0, printed: 0, lines: [] };
    },
    events(from: number, count: number, filter: EventFilter, step: number | null): EventWindow {
      return session?.events(from, count, filter, step) ?? { total: 0, happened: 0, events: [] };
    },
    /** Whether a breakpoint condition compiles on its line: null, or the error to show. */
    checkCondition(file: string, line: number, condition: string): string | null {
      return session?.checkCondition(file, line, condition) ?? null;
    },
    /** A debugging question: why, a watch, logpoints, a comparison with a pinned run. */
    debug<Q extends DebugQuery>(query: Q): DebugAnswer<Q> {
      return answerDebug(debugging, query);
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;

/** The same files, main file and include directories: a build of one serves the other. */
function sameSources(a: CompileInput, b: CompileInput): boolean {
  return (
    a.main === b.main &&
    sameFiles(a.files, b.files) &&
    JSON.stringify(a.includeDirs ?? []) === JSON.stringify(b.includeDirs ?? [])
  );
}

function sameFiles(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}
