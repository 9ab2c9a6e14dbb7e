// The engine's public API: the app (through its worker), the CLI and the tests use only this.

export { type CompileInput, type CompileResult, compile, type StageListener } from "./compile";
export type { Diagnostic, DiagnosticNote, Fix, Severity, Stage, TextEdit } from "./diagnostics/diagnostic";
export { formatDiagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic";
export { innerMapRefusal } from "./loader/map-in-map";
export type {
  GlobalVariable,
  LoadedObject,
  MapDefinition,
  ProgArraySlot,
  ProgramDefinition,
} from "./loader/object";
export { runnable } from "./loader/runnable";
export type { ProgramKind, ProgramType } from "./loader/sections";
export type { Packet, PacketGenerator } from "./packets";
export { generatePackets } from "./packets";
export { controlProblems } from "./runtime/control-plane";
export { MAX_CPUS } from "./runtime/limits";
export type {
  ControlAction,
  ControlError,
  MapReport,
  PacketReport,
  RunReport,
  TailCallOutcome,
  TailCallRecord,
} from "./runtime/report";
export { reportJson } from "./runtime/report-json";
export type { ProgressListener, Schedule } from "./runtime/run";
export {
  type CursorState,
  entryProgram,
  type LogpointResult,
  type MoveResult,
  packetsOf,
  type RunError,
  type RunRequest,
  Session,
  type SessionOptions,
  type SessionStart,
  type SimulationResult,
  simulate,
  soleEntry,
} from "./session";
export {
  type DiffSide,
  diffRuns,
  type LockstepPoint,
  lockstep,
  type RunDiff,
  type StatementEffect,
} from "./sim/diff";
export {
  EVENT_KINDS,
  type EventFilter,
  type EventKind,
  type EventWindow,
  type RunEvent,
} from "./sim/event-log";
export type { Logpoint, LogpointHit } from "./sim/logpoints";
export type { Breakpoint, Direction, Move } from "./sim/navigator";
export type { UnrecordedTail } from "./sim/recording";
export { parseScenario, type Scenario, type ScenarioResult } from "./sim/scenario";
export type {
  FinishedPacketView,
  FrameView,
  LocalView,
  PacketBytesView,
  RunningView,
  StateView,
} from "./sim/state-view";
export type { TimelineData } from "./sim/timeline";
export type { StatementEvent } from "./sim/trace";
export type { TraceLogWindow } from "./sim/trace-log";
export type { WatchLane, WatchResult } from "./sim/watch";
export { effectText, sourceText, sourceWhat, writerText } from "./sim/why/describe";
export type { StoreSite, ValueSource, Writer } from "./sim/why/sources";
export type { ValueTarget } from "./sim/why/values";
export type { WhyAnswer, WhyResult, WhyTarget } from "./sim/why/why";
export {
  type BuildSummary,
  type GlobalSummary,
  type InnerMapShape,
  type MapSummary,
  type ProgramSummary,
  summarize,
  type TailCallSite,
  type ValueField,
} from "./summary";
export { fromHex, toHex } from "./target/bytes";
