import {
  type BuildSummary,
  type ConditionTest,
  compile,
  compileCondition,
  continueTarget,
  entryProgram,
  hopOfPacket,
  InterleavedTimeTravel,
  type Move,
  moveTarget,
  type PacketReport,
  packetsOf,
  type SimulationInput,
  type SimulationResult,
  type StatementEvent,
  type StateView,
  simulate,
  summarize,
  TimeTravel,
  type Travel,
} from "../engine";

/**
 * A run as the app asks for it: the scenario of contract.md §1 (sources, entry, CPUs, packets,
 * control-plane actions, schedule), already validated.
 */
export type RunRequest = Omit<SimulationInput, "observer" | "onProgress">;

/** Packets finished and the total; comlink carries the calls back to the app as they happen. */
export type ProgressCallback = (done: number, total: number) => void;

/** A traced run ready to step through: its size, each packet's report, and where the cursor starts. */
export interface TracedRun {
  readonly totalSteps: number;
  /** Past this step statements are summarised, not recorded one by one (a very long run). */
  readonly truncatedAfter: number | null;
  readonly reports: readonly PacketReport[];
}

export type TraceResult =
  | { readonly ok: true; readonly run: TracedRun }
  | { readonly ok: false; readonly error: string };

/** The cursor somewhere in the trace: the machine there, and the statement that got it there. */
export interface CursorState {
  readonly step: number;
  readonly state: StateView;
  readonly last: StatementEvent | null;
}

/** What the timeline draws: each packet's span of steps on its CPU, and every tail-call attempt. */
export interface TimelineData {
  readonly totalSteps: number;
  readonly packets: readonly {
    readonly packet: number;
    readonly cpu: number;
    /** Steps: the packet's first statement is `first`, its last `last` (1-based). */
    readonly first: number;
    readonly last: number;
    /** The programs it ran, in order; each runs until the next jumped tail call. */
    readonly programs: readonly string[];
  }[];
  readonly hops: readonly { readonly step: number; readonly packet: number; readonly outcome: string }[];
}

/** Some lines of the trace log, and how many there are in all. */
export interface TraceLogWindow {
  readonly total: number;
  readonly lines: readonly {
    readonly index: number;
    readonly step: number;
    readonly cpu: number;
    readonly program: string;
    readonly line: string;
  }[];
}

/** A move's landing place; a conditional breakpoint that could not be evaluated says why. */
export type MoveResult = CursorState & { readonly conditionError?: string };

/** The traced run the worker keeps between calls: the UI moves a cursor over it. */
let session: Travel | null = null;
/** The sources of the traced run: a breakpoint's condition is compiled against them. */
let sessionSources: { files: Record<string, string>; main: string } | null = null;
/** The trace log's filtered line indexes for this session, by filter. */
const logFilters = new Map<string, Int32Array | null>();
/** Conditions compiled for this session, by file, line and text. */
const conditions = new Map<string, ConditionTest | { readonly error: string }>();

function conditionFor(breakpoint: { file: string; line: number; condition?: string }) {
  const key = `${breakpoint.file}:${breakpoint.line}:${breakpoint.condition}`;
  let test = conditions.get(key);
  if (!test) {
    const compiled =
      session && sessionSources
        ? compileCondition(sessionSources, session.machine, breakpoint, breakpoint.condition ?? "")
        : ({ ok: false, error: "run the scenario first" } as const);
    test = compiled.ok ? compiled.test : { error: compiled.error };
    conditions.set(key, test);
  }
  return test;
}

function cursorAt(travel: Travel, step: number): CursorState {
  const state = travel.seek(step);
  return { step: state.step, state, last: travel.trace.statementAt(state.step) };
}

/** What the engine worker offers the app; comlink turns each method into an async call. */
export const engineApi = {
  build(files: Record<string, string>, main: string): BuildSummary {
    return summarize(compile({ files, main }));
  },
  /** Runs the scenario's packets on their CPUs in its schedule and reports. */
  run(request: RunRequest, onProgress?: ProgressCallback): SimulationResult {
    return simulate({ ...request, onProgress });
  },
  /** Runs the same packets, in the same schedule, with a full trace and keeps it, for seek and move. */
  trace(request: RunRequest, onProgress?: ProgressCallback): TraceResult {
    const { program, object, diagnostics } = compile({ files: request.files, main: request.main });
    const error = diagnostics.find((d) => d.severity === "error");
    if (!program || !object || error)
      return { ok: false, error: error?.message ?? "the program does not build" };
    const entry = entryProgram(object, request.entry);
    if ("problem" in entry) return { ok: false, error: entry.problem };
    const input = {
      cpus: request.cpus,
      entry: entry.name,
      packets: packetsOf(request),
      control: request.control,
      onProgress,
    };
    const schedule = request.schedule;
    sessionSources = { files: request.files, main: request.main };
    conditions.clear();
    logFilters.clear();
    session =
      schedule?.mode === "interleaved"
        ? new InterleavedTimeTravel(program, object, { ...input, schedule })
        : new TimeTravel(program, object, input);
    return {
      ok: true,
      run: {
        totalSteps: session.totalSteps,
        truncatedAfter: session.trace.truncatedAfter,
        reports: session.reports,
      },
    };
  },
  /** The cursor at a packet's n-th hop (after an edit re-ran the trace), or null if it is gone. */
  locate(packet: number, hop: number): CursorState | null {
    if (!session) return null;
    const step = hopOfPacket(session.trace, packet, hop);
    return step === null ? null : cursorAt(session, step);
  },
  seek(step: number): CursorState | null {
    return session ? cursorAt(session, step) : null;
  },
  move(current: number, move: Move): MoveResult | null {
    if (!session) return null;
    if (move.kind === "continue" && move.breakpoints.some((b) => b.kind === "line" && b.condition)) {
      const { step, conditionError } = continueTarget(
        session,
        current,
        move.direction,
        move.breakpoints,
        conditionFor,
      );
      return { ...cursorAt(session, step), ...(conditionError ? { conditionError } : {}) };
    }
    return cursorAt(session, moveTarget(session.trace, session.totalSteps, current, move));
  },
  /** The whole run laid out for the timeline (computed once per trace). */
  timeline(): TimelineData | null {
    if (!session) return null;
    const travel = session;
    return {
      totalSteps: travel.totalSteps,
      packets: travel.reports.map((report, index) => ({
        packet: index,
        cpu: report.cpu,
        first: (travel.trace.packetFirstStep(index) ?? 0) + 1,
        last: travel.trace.packetLastStep(index) ?? 0,
        programs: report.programs,
      })),
      hops: travel.trace.tailCallEvents().map(({ step, packet, outcome }) => ({ step, packet, outcome })),
    };
  },
  /**
   * A window of the trace log (printk lines as trace_pipe shows them), optionally only one CPU's
   * or one program's: `total` lines match, `lines` are those from `from` on.
   */
  traceLog(from: number, count: number, cpu: number | null, program: string | null): TraceLogWindow {
    if (!session) return { total: 0, lines: [] };
    const trace = session.trace;
    const key = `${cpu}:${program}`;
    let matching = logFilters.get(key);
    if (!matching) {
      matching = cpu === null && program === null ? null : trace.printkMatching(cpu, program);
      logFilters.set(key, matching);
    }
    const total = matching ? matching.length : trace.printkCount;
    const lines = [];
    for (let i = Math.max(0, from); i < Math.min(total, from + count); i++)
      lines.push({ index: i, ...trace.printkAt(matching ? matching[i] : i) });
    return { total, lines };
  },
  /** Whether a breakpoint condition compiles on its line: null, or the error to show. */
  checkCondition(file: string, line: number, condition: string): string | null {
    if (!session || !sessionSources) return null;
    const compiled = compileCondition(sessionSources, session.machine, { file, line }, condition);
    return compiled.ok ? null : compiled.error;
  },
};

export type EngineApi = typeof engineApi;
