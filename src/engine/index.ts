// The engine's public API: the app (through its worker), the CLI and the tests use only this.

export { type CompileInput, type CompileResult, compile } from "./compile";
export type { Diagnostic, DiagnosticNote, Fix, Severity, Stage, TextEdit } from "./diagnostics/diagnostic";
export { formatDiagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic";
export type {
  GlobalVariable,
  LoadedObject,
  MapDefinition,
  ProgArraySlot,
  ProgramDefinition,
} from "./loader/object";
export type { ProgramKind, ProgramType } from "./loader/sections";
export type { Packet, PacketGenerator } from "./packets";
export { generatePackets } from "./packets";
export type { ControlAction, MapReport, PacketReport, RunReport, TailCallRecord } from "./runtime/report";
export { reportJson } from "./runtime/report-json";
export type { Schedule } from "./runtime/run";
export { type CompiledCondition, type ConditionTest, compileCondition } from "./sim/condition";
export { type ContinueResult, continueTarget } from "./sim/continue";
export { InterleavedTimeTravel } from "./sim/interleaved-travel";
export { type Breakpoint, type Direction, hopOfPacket, type Move, moveTarget } from "./sim/navigator";
export { MAX_CPUS, parseScenario, type Scenario, type ScenarioResult } from "./sim/scenario";
export type { FrameView, LocalView, RunningView, StateView } from "./sim/stepper";
export { TimeTravel, type Travel } from "./sim/time-travel";
export type { StatementEvent } from "./sim/trace";
export { entryProgram, packetsOf, type SimulationInput, type SimulationResult, simulate } from "./simulate";
export {
  type BuildSummary,
  type MapSummary,
  type ProgramSummary,
  summarize,
  type TailCallSite,
  type ValueField,
} from "./summary";
export { fromHex, toHex } from "./target/bytes";
