import type {
  BuildSummary,
  CompileInput,
  CursorState,
  EventFilter,
  EventWindow,
  Move,
  MoveResult,
  RunRequest,
  StageListener,
  TraceLogWindow,
} from "../engine";
import type { DebugAnswer, DebugQuery } from "../worker/debug-queries";
import type { EngineApi, ProgressCallback, RunOutcome } from "../worker/engine-api";

/**
 * The engine as the store reaches it: in the app, a Web Worker (calls are asynchronous and a
 * run can be ended by restarting the worker); in tests, the same API called in-process.
 */
export interface EngineClient {
  /** `onStage` is told as each stage of the build starts (see the watchdog). */
  build(sources: CompileInput, onStage?: StageListener): Promise<BuildSummary>;
  run(request: RunRequest, onProgress?: ProgressCallback): Promise<RunOutcome>;
  seek(step: number): Promise<CursorState | null>;
  move(current: number, move: Move): Promise<MoveResult | null>;
  locate(packet: number, hop: number): Promise<CursorState | null>;
  traceLog(
    from: number,
    count: number,
    cpu: number | null,
    program: string | null,
    step: number | null,
  ): Promise<TraceLogWindow>;
  events(from: number, count: number, filter: EventFilter, step: number | null): Promise<EventWindow>;
  checkCondition(file: string, line: number, condition: string): Promise<string | null>;
  /** A debugging question about the recorded run (see worker/debug-queries). */
  debug<Q extends DebugQuery>(query: Q): Promise<DebugAnswer<Q>>;
  /** Ends whatever the engine is doing (a run the user cancelled); the next call starts afresh. */
  restart(): void;
}

/** The engine API called in this thread (Node tests; nothing can be interrupted). */
export function inProcessEngine(create: () => EngineApi): EngineClient {
  let api = create();
  return {
    build: async (sources, onStage) => api.build(sources, onStage),
    run: async (request, onProgress) => api.run(request, onProgress),
    seek: async (step) => api.seek(step),
    move: async (current, move) => api.move(current, move),
    locate: async (packet, hop) => api.locate(packet, hop),
    traceLog: async (from, count, cpu, program, step) => api.traceLog(from, count, cpu, program, step),
    events: async (from, count, filter, step) => api.events(from, count, filter, step),
    checkCondition: async (file, line, condition) => api.checkCondition(file, line, condition),
    debug: async (query) => api.debug(query),
    restart: () => {
      api = create();
    },
  };
}
