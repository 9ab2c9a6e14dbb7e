import { type CompileInput, type CompileResult, compile } from "./compile";
import type { Diagnostic, Stage } from "./diagnostics/diagnostic";
import type { LoadedObject } from "./loader/object";
import { type ProgramType, runnable } from "./loader/sections";
import { generatePackets, type Packet, type PacketGenerator, windowedPackets } from "./packets";
import type { ControlAction, RunReport } from "./runtime/report";
import { type ProgressListener, prepareRun, type RunInput, runReport, type Schedule } from "./runtime/run";
import { runToEnd, type Scheduler } from "./runtime/scheduler";
import { type CompiledCondition, type ConditionTest, compileCondition } from "./sim/condition";
import { continueTarget } from "./sim/continue";
import { type EventFilter, EventLog, type EventWindow } from "./sim/event-log";
import { type Logpoint, type LogpointHit, logpointHits } from "./sim/logpoints";
import { hopOfPacket, type Move, moveTarget } from "./sim/navigator";
import {
  RECORDED_PACKETS,
  type Recording,
  recordRun,
  type Travel,
  type UnrecordedTail,
} from "./sim/recording";
import type { StateView } from "./sim/state-view";
import { type TimelineData, timelineOf } from "./sim/timeline";
import type { StatementEvent } from "./sim/trace";
import { TraceLog, type TraceLogWindow } from "./sim/trace-log";
import { isCellWatch, type WatchResult, watchCell, watchExpression } from "./sim/watch";
import { SourceTracer, type ValueSource } from "./sim/why/sources";
import { StatementIndex } from "./sim/why/statement-index";
import type { ValueTarget } from "./sim/why/values";
import { Provenance, type WhyResult, type WhyTarget } from "./sim/why/why";
import { fromHex } from "./target/bytes";
import type { TypedProgram } from "./types/symbols";

/** A scenario as the engine runs it (contract.md §1): sources, entry, CPUs, packets, control, schedule. */
export interface RunRequest extends CompileInput {
  readonly cpus: number;
  /** The program a packet enters first; when absent, the one no prog array holds. */
  readonly entry?: string;
  readonly packets: readonly { readonly cpu: number; readonly bytes: string }[] | PacketGenerator;
  readonly control?: readonly ControlAction[];
  /** Sequential by default; interleaved runs the CPUs at once. */
  readonly schedule?: Schedule;
  /** printk-like lines added at source lines without editing the program (contract.md §1). */
  readonly logpoints?: readonly Logpoint[];
}

export interface SessionOptions {
  /**
   * Record the run, to step through it (the app); unrecorded, it runs at full speed and keeps
   * only the report (the CLI, the conformance suite).
   */
  readonly record: boolean;
  readonly onProgress?: ProgressListener;
  /** A build of the same sources already made (the app's last build), used instead of compiling again. */
  readonly built?: CompileResult;
  /** Statements between checkpoints (tests make it small, so seeks restore and replay). */
  readonly checkpointEvery?: number;
  /** Statements the trace records one by one. */
  readonly statementLimit?: number;
  /** Packets recorded for stepping; the rest of a longer run is in the report only. */
  readonly recordedPackets?: number;
}

/** Why a scenario cannot run: the first stage that failed and its diagnostics (contract.md §2). */
export interface RunError {
  readonly stage: Stage;
  readonly diagnostics: Diagnostic[];
}

export type SessionStart =
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly error: RunError };

/** The cursor somewhere in a recorded run: the machine there, and the statement that got it there. */
export interface CursorState {
  readonly step: number;
  readonly state: StateView;
  readonly last: StatementEvent | null;
}

/** A move's landing place; a conditional breakpoint that could not be evaluated says why. */
export type MoveResult = CursorState & { readonly conditionError?: string };

/**
 * One run of a scenario, built once: the sources compiled (or a build reused), the object
 * loaded and verified, the packets run once, recorded or not, and the report. A recorded
 * session answers every question the app asks of the run: the state at any step, where a move
 * lands, the timeline, the trace log, whether a breakpoint's condition compiles. The CLI's
 * report-only run is a session that records nothing.
 */
export class Session {
  private readonly conditions = new Map<string, ConditionTest | { readonly error: string }>();
  private cachedTimeline: TimelineData | null = null;
  private log: TraceLog | null = null;
  private eventLog: EventLog | null = null;
  private provenanceOf: Provenance | null = null;
  /** The logpoints last asked for and what they printed (a second pass over the run). */
  private lastLogpoints: { key: string; result: LogpointResult } | null = null;
  /** The logpoints whose lines the trace log shows among the printk lines. */
  private shownLogpoints: LogpointResult | null = null;

  private constructor(
    private readonly request: RunRequest,
    /** The program packets enter. */
    readonly entry: string,
    readonly report: RunReport,
    /** The build's diagnostics: warnings and notes (a session exists only without errors). */
    readonly diagnostics: readonly Diagnostic[],
    private readonly recording: Recording<unknown> | null,
    /** The build the run ran, and the run's input made afresh (a stream is used up by a run). */
    private readonly rerun: {
      readonly program: TypedProgram;
      readonly object: LoadedObject;
      readonly input: () => RunInput;
    },
    private readonly recordedPackets: number,
  ) {}

  /** Builds (or reuses a build of) the request's sources, then runs its packets once. */
  static start(request: RunRequest, options: SessionOptions): SessionStart {
    const built = options.built ?? compile(request);
    const { program, object, diagnostics } = built;
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (!program || !object || errors.length > 0)
      return { ok: false, error: { stage: errors[0]?.stage ?? "load", diagnostics: errors } };
    const entry = entryProgram(object, request.entry);
    if ("problem" in entry) return { ok: false, error: entryError(object, request, entry.problem) };
    const kind = object.programs.find((p) => p.name === entry.name)?.kind;
    if (kind && !runnable(kind.type))
      return { ok: false, error: entryError(object, request, checkedNotRun(entry.name, kind.type), "run") };
    const interleaved = request.schedule?.mode === "interleaved";
    const recordedPackets = options.recordedPackets ?? RECORDED_PACKETS;
    const inputOf = (): RunInput => ({
      cpus: request.cpus,
      entry: entry.name,
      // An interleaved run holds every packet at once; a recording goes back to the packets it
      // records (the first RECORDED_PACKETS); the rest, and a report-only run's, come as needed.
      packets: interleaved ? packetsOf(request) : streamOf(request, options.record ? recordedPackets : 0),
      control: request.control,
      schedule: request.schedule,
      onProgress: options.onProgress,
    });
    const input = inputOf();
    let recording: Recording<unknown> | null = null;
    let scheduler: Scheduler<unknown>;
    if (options.record) {
      recording = recordRun(program, object, input, options);
      scheduler = recording.scheduler;
    } else {
      scheduler = prepareRun(program, object, input);
      runToEnd(scheduler);
    }
    const report = runReport(scheduler, request.cpus);
    const rerun = { program, object, input: inputOf };
    const limit = options.record ? recordedPackets : Number.POSITIVE_INFINITY;
    return {
      ok: true,
      session: new Session(request, entry.name, report, diagnostics, recording, rerun, limit),
    };
  }

  get recorded(): boolean {
    return this.recording !== null;
  }

  get totalSteps(): number {
    return this.travel.totalSteps;
  }

  /** Past this step statements are summarised, not recorded one by one (a very long run). */
  get truncatedAfter(): number | null {
    return this.travel.trace.truncatedAfter;
  }

  /** The packets a long run ran past the recorded ones (in the report, not steppable). */
  get unrecorded(): UnrecordedTail | null {
    return this.recording?.unrecorded ?? null;
  }

  /** The recorded run; time travel needs one. */
  get travel(): Travel {
    if (!this.recording) throw new Error("this session did not record its run");
    return this.recording;
  }

  seek(step: number): CursorState {
    const state = this.travel.seek(step);
    return { step: state.step, state, last: this.travel.trace.statementAt(state.step) };
  }

  /** Where a move from `current` lands: a step, a hop, a packet, a breakpoint, back or forth. */
  move(current: number, move: Move): MoveResult {
    const travel = this.travel;
    if (move.kind === "continue" && move.breakpoints.some((b) => b.kind === "line" && b.condition)) {
      const { step, conditionError } = continueTarget(
        travel,
        current,
        move.direction,
        move.breakpoints,
        (b) => this.conditionFor(b),
      );
      return { ...this.seek(step), ...(conditionError ? { conditionError } : {}) };
    }
    return this.seek(moveTarget(travel.trace, travel.totalSteps, current, move));
  }

  /** The cursor at a packet's n-th hop (after an edit re-ran the scenario), or null if it is gone. */
  locate(packet: number, hop: number): CursorState | null {
    const step = hopOfPacket(this.travel.trace, packet, hop);
    return step === null ? null : this.seek(step);
  }

  /** The whole run laid out for the timeline (computed once). */
  timeline(): TimelineData {
    this.cachedTimeline ??= timelineOf(this.travel);
    return this.cachedTimeline;
  }

  /** A window of the trace log (printk lines as trace_pipe shows them), optionally filtered. */
  traceLog(
    from: number,
    count: number,
    cpu: number | null,
    program: string | null,
    step: number | null = null,
  ): TraceLogWindow {
    this.log ??= new TraceLog(this.travel.trace, this.shownLogpoints?.hits);
    return this.log.window(from, count, cpu, program, step);
  }

  /** A window of the run's events (packets, map reads and writes, printk, tail calls, verdicts). */
  events(from: number, count: number, filter: EventFilter, step: number | null = null): EventWindow {
    this.eventLog ??= new EventLog(this.travel.trace, this.travel.reports);
    return this.eventLog.window(from, count, filter, step);
  }

  /**
   * What logpoints print over the run (the request's own when none are given): each hit with
   * its step, and per logpoint null or why it could not be compiled. Computed by a second pass
   * over the same run, once per set of logpoints.
   */
  logpoints(logpoints: readonly Logpoint[] = this.request.logpoints ?? []): LogpointResult {
    const key = JSON.stringify(logpoints);
    if (this.lastLogpoints?.key === key) return this.lastLogpoints.result;
    const { program, object, input } = this.rerun;
    const { files, main, includeDirs } = this.request;
    const result =
      logpoints.length === 0
        ? { hits: [], errors: [] }
        : logpointHits(
            program,
            object,
            input(),
            { files, main, includeDirs },
            logpoints,
            this.recordedPackets,
          );
    this.lastLogpoints = { key, result };
    return result;
  }

  /** Shows these logpoints' lines in the trace log (none: the printk lines alone); says what they printed. */
  showLogpoints(logpoints: readonly Logpoint[]): LogpointResult {
    const result = this.logpoints(logpoints);
    this.shownLogpoints = result;
    this.log = null;
    return result;
  }

  /**
   * A watch over the whole run: a map cell (`map[key]@cpu.field`) from the trace's writes, or a
   * C expression over the frame at a line, each time that line is about to run.
   */
  watch(text: string, site: { file: string; line: number } | null): WatchResult {
    const travel = this.travel;
    const maps = travel.machine.object.maps.map((m) => m.name);
    if (isCellWatch(text, maps)) return watchCell(travel, text);
    if (!site) return { ok: false, error: "a C expression is watched at a line: put the cursor on one" };
    const { program, object, input } = this.rerun;
    const { files, main, includeDirs } = this.request;
    const sources = { files, main, includeDirs };
    return watchExpression(
      { program, object, input: input(), sources, packetLimit: this.recordedPackets },
      site,
      text,
    );
  }

  /** Where the bytes of a map cell or global came from, as they stand after `step` statements. */
  why(target: WhyTarget | ValueTarget, step: number): WhyResult {
    return this.provenance.why(target, step);
  }

  /** `why` as contract.md §4 asks it: right after packet `packet` finished. */
  whyAfterPacket(target: WhyTarget, packet: number): WhyResult {
    const count = this.travel.reports.length;
    if (!Number.isInteger(packet) || packet < 0 || packet >= count)
      return {
        ok: false,
        error: `packet ${packet} is out of range: the run has ${count} packets (0 to ${count - 1})`,
      };
    const last = this.travel.trace.packetLastStep(packet);
    const first = this.travel.trace.packetFirstStep(packet);
    // A packet that ran no statement leaves the machine as the one before it did.
    return this.why(target, last ?? first ?? 0);
  }

  /** What the store made at `step` computed its value from (following an answer one click further). */
  sourcesOfStore(step: number): readonly ValueSource[] {
    return this.provenance.sourcesOfStore(step);
  }

  private get provenance(): Provenance {
    if (!this.provenanceOf) {
      const travel = this.travel;
      const program = travel.machine.program;
      const tracer = new SourceTracer(program, travel.trace, new StatementIndex(program), {
        mapWriter: (...args) => this.provenance.mapWriter(...args),
        globalWriter: (...args) => this.provenance.globalWriter(...args),
      });
      this.provenanceOf = new Provenance(travel, tracer, this.request.control ?? []);
    }
    return this.provenanceOf;
  }

  /** Whether a breakpoint condition compiles on its line: null, or the error to show. */
  checkCondition(file: string, line: number, condition: string): string | null {
    const compiled = this.compileCondition({ file, line }, condition);
    return compiled.ok ? null : compiled.error;
  }

  private conditionFor(breakpoint: { file: string; line: number; condition?: string }) {
    const key = `${breakpoint.file}:${breakpoint.line}:${breakpoint.condition}`;
    let test = this.conditions.get(key);
    if (!test) {
      const compiled = this.compileCondition(breakpoint, breakpoint.condition ?? "");
      test = compiled.ok ? compiled.test : { error: compiled.error };
      this.conditions.set(key, test);
    }
    return test;
  }

  private compileCondition(site: { file: string; line: number }, condition: string): CompiledCondition {
    const { files, main, includeDirs } = this.request;
    return compileCondition({ files, main, includeDirs }, this.travel.machine, site, condition);
  }
}

/** What a set of logpoints printed: every hit in step order, and each logpoint's error or null. */
export interface LogpointResult {
  readonly hits: readonly LogpointHit[];
  readonly errors: readonly (string | null)[];
}

/** A report, or why there is none (contract.md §2). */
export type SimulationResult =
  | {
      readonly ok: true;
      readonly report: RunReport;
      readonly diagnostics: readonly Diagnostic[];
      /** With the request's logpoints: each packet's lines, and each logpoint's error or null. */
      readonly logpoints?: {
        readonly lines: readonly string[][];
        readonly errors: readonly (string | null)[];
      };
    }
  | { readonly ok: false; readonly error: RunError };

/** Compiles, loads and runs every packet on its CPU, in the scenario's schedule, recording nothing. */
export function simulate(request: RunRequest & { readonly onProgress?: ProgressListener }): SimulationResult {
  const started = Session.start(request, { record: false, onProgress: request.onProgress });
  if (!started.ok) return started;
  const { session } = started;
  const result = { ok: true as const, report: session.report, diagnostics: session.diagnostics };
  if (!request.logpoints) return result;
  const { hits, errors } = session.logpoints();
  // Each packet's lines, in the order its logpoints were hit (contract.md §2).
  const lines: string[][] = session.report.packets.map(() => []);
  for (const hit of hits) lines[hit.packet]?.push(hit.text);
  return { ...result, logpoints: { lines, errors } };
}

/**
 * Without a program named: the only program no prog array holds as loaded, or the only program.
 * The graph names its entry by this rule too, so it never differs from what a run enters.
 */
export function soleEntry(programs: readonly string[], slotted: ReadonlySet<string>): string | null {
  const candidates = programs.filter((name) => !slotted.has(name));
  if (candidates.length === 1) return candidates[0];
  if (programs.length === 1) return programs[0];
  return null;
}

/** The program a hook would run: the named one, or the only program no prog array holds. */
export function entryProgram(
  object: LoadedObject,
  requested?: string,
): { name: string } | { problem: string } {
  if (requested)
    return object.programs.some((p) => p.name === requested)
      ? { name: requested }
      : {
          problem: `no program named '${requested}' (programs: ${object.programs.map((p) => p.name).join(", ")})`,
        };
  const slotted = new Set(object.maps.flatMap((m) => m.initialSlots.map((s) => s.program)));
  const candidates = object.programs.filter((p) => !slotted.has(p.name));
  const only = soleEntry(
    object.programs.map((p) => p.name),
    slotted,
  );
  if (only) return { name: only };
  return {
    problem: `say which program packets enter first (--entry or "attach"): candidates are ${(candidates.length > 0 ? candidates : object.programs).map((p) => p.name).join(", ")}`,
  };
}

/** Why a program of a type Tailscope does not run has no run. */
function checkedNotRun(name: string, type: ProgramType): string {
  return `${name} is a ${type} program: Tailscope compiles, loads and verifies it (checked, not run); it runs packets through socket, tc, xdp and cgroup_skb programs`;
}

function entryError(
  object: LoadedObject,
  request: RunRequest,
  problem: string,
  stage: Stage = "load",
): RunError {
  const at = object.programs[0]?.span;
  const position = at ? at.file.position(at.start) : { line: 1, column: 1 };
  return {
    stage,
    diagnostics: [
      {
        file: at?.file.name ?? request.main,
        line: position.line,
        column: position.column,
        endLine: position.line,
        endColumn: position.column + 1,
        severity: "error",
        stage,
        message: problem,
      },
    ],
  };
}

/** The packets a scenario describes: its explicit list, or what its generator makes. */
export function packetsOf(request: Pick<RunRequest, "packets" | "cpus">): Packet[] {
  if (Array.isArray(request.packets))
    return request.packets.map((p) => ({ cpu: p.cpu, bytes: fromHex(p.bytes) }));
  return generatePackets(request.packets as PacketGenerator, request.cpus);
}

/** The request's packets as a stream, keeping the first `held` of them to go back to. */
function streamOf(request: RunRequest, held: number) {
  if (Array.isArray(request.packets)) return packetsOf(request);
  const generator = request.packets as PacketGenerator;
  return windowedPackets(generator, request.cpus, held);
}
