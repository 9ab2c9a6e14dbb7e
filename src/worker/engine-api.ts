import {
  type BuildSummary,
  compile,
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

/** The traced run the worker keeps between calls: the UI moves a cursor over it. */
let session: Travel | null = null;

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
  move(current: number, move: Move): CursorState | null {
    if (!session) return null;
    return cursorAt(session, moveTarget(session.trace, session.totalSteps, current, move));
  },
};

export type EngineApi = typeof engineApi;
