import { type CompileInput, compile } from "./compile";
import type { Diagnostic, Stage } from "./diagnostics/diagnostic";
import type { LoadedObject } from "./loader/object";
import { generatePackets, type Packet, type PacketGenerator, streamPackets } from "./packets";
import type { ExecutionObserver } from "./runtime/machine-state";
import type { ControlAction, RunReport } from "./runtime/report";
import { type ProgressListener, runPackets, type Schedule } from "./runtime/run";
import { fromHex } from "./target/bytes";

export interface SimulationInput extends CompileInput {
  readonly cpus: number;
  /** The program a packet enters first; when absent, the one no prog array holds. */
  readonly entry?: string;
  readonly packets: readonly { readonly cpu: number; readonly bytes: string }[] | PacketGenerator;
  readonly control?: readonly ControlAction[];
  readonly observer?: ExecutionObserver | null;
  /** Sequential by default; interleaved runs the CPUs at once (contract.md §1 `schedule`). */
  readonly schedule?: Schedule;
  readonly onProgress?: ProgressListener;
}

/** A report, or why there is none: the first stage that failed and its diagnostics (contract.md §2). */
export type SimulationResult =
  | { readonly ok: true; readonly report: RunReport; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly error: { readonly stage: Stage; readonly diagnostics: Diagnostic[] } };

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
  if (candidates.length === 1) return { name: candidates[0].name };
  if (object.programs.length === 1) return { name: object.programs[0].name };
  return {
    problem: `say which program packets enter first (--entry or "attach"): candidates are ${(candidates.length > 0 ? candidates : object.programs).map((p) => p.name).join(", ")}`,
  };
}

/** The packets a scenario describes: its explicit list, or what its generator makes. */
export function packetsOf(input: Pick<SimulationInput, "packets" | "cpus">): Packet[] {
  if (Array.isArray(input.packets))
    return input.packets.map((p) => ({ cpu: p.cpu, bytes: fromHex(p.bytes) }));
  return generatePackets(input.packets as PacketGenerator, input.cpus);
}

/** Compiles, loads and runs every packet on its CPU, in the scenario's schedule. */
export function simulate(input: SimulationInput): SimulationResult {
  const { program, object, diagnostics } = compile(input);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (!program || !object || errors.length > 0) {
    return { ok: false, error: { stage: errors[0]?.stage ?? "load", diagnostics: errors } };
  }
  const entry = entryProgram(object, input.entry);
  if ("problem" in entry) {
    const at = object.programs[0]?.span;
    const position = at ? at.file.position(at.start) : { line: 1, column: 1 };
    const diagnostic: Diagnostic = {
      file: at?.file.name ?? input.main,
      line: position.line,
      column: position.column,
      endLine: position.line,
      endColumn: position.column + 1,
      severity: "error",
      stage: "load",
      message: entry.problem,
    };
    return { ok: false, error: { stage: "load", diagnostics: [diagnostic] } };
  }
  const report = runPackets(program, object, {
    cpus: input.cpus,
    entry: entry.name,
    // An interleaved run holds every packet at once; a sequential one takes each as it comes.
    packets:
      Array.isArray(input.packets) || input.schedule?.mode === "interleaved"
        ? packetsOf(input)
        : streamPackets(input.packets as PacketGenerator, input.cpus),
    control: input.control,
    observer: input.observer,
    schedule: input.schedule,
    onProgress: input.onProgress,
  });
  return { ok: true, report, diagnostics };
}
