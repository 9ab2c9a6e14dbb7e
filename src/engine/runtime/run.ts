import type { LoadedObject } from "../loader/object";
import type { Packet, PacketStream } from "../packets";
import type { TypedProgram } from "../types/symbols";
import { ControlPlane } from "./control-plane";
import { InterleavedScheduler } from "./interleave";
import { Machine } from "./machine";
import { globalsReport, largeGlobalsReport, mapsReport } from "./machine-report";
import type { ProgressListener } from "./packet-run";
import type { ControlAction, RunReport } from "./report";
import { runToEnd, type Scheduler } from "./scheduler";
import { SequentialScheduler } from "./sequential";

export type { ProgressListener };

/** How the CPUs share time (contract.md §1 `schedule`). */
export type Schedule =
  | { readonly mode: "sequential" }
  | { readonly mode: "interleaved"; readonly seed: number };

/** What a run is given, the program aside: the scenario of contract.md §1, resolved. */
export interface RunInput {
  readonly cpus: number;
  /** The program packets enter (the scenario's `attach`). */
  readonly entry: string;
  /** A list, or (sequential runs) a stream taken packet by packet. */
  readonly packets: readonly Packet[] | PacketStream;
  readonly control?: readonly ControlAction[];
  /** The machine's random source (bpf_get_prandom_u32). */
  readonly seed?: number;
  /** Sequential (the default, like the kernel's test run) or interleaved by a seeded clock. */
  readonly schedule?: Schedule;
  /** Told now and then how many packets have finished, for a progress bar. */
  readonly onProgress?: ProgressListener;
}

/** A machine loaded with the object, and the scheduler that will drive the input's packets through it. */
export function prepareRun(
  program: TypedProgram,
  object: LoadedObject,
  input: RunInput,
): Scheduler<unknown> & { readonly machine: Machine } {
  const machine = new Machine(program, object, { cpus: input.cpus, seed: input.seed });
  const entry = object.programs.find((p) => p.name === input.entry);
  if (!entry) throw new Error(`no program named ${input.entry}`);
  const control = new ControlPlane(machine, input.control);
  if (input.schedule?.mode === "interleaved") {
    // CPUs run their packets at once: every packet is held from the start.
    const packets = "next" in input.packets ? materialize(input.packets) : input.packets;
    return new InterleavedScheduler(machine, packets, entry, input.schedule.seed, control, input.onProgress);
  }
  return new SequentialScheduler(machine, input.packets, entry, control, input.onProgress);
}

/** The run report of contract.md §2, as the scheduler's run stands now (at its end, usually). */
export function runReport(scheduler: Scheduler<unknown>, cpus: number): RunReport {
  const { controlErrors, machine } = scheduler;
  const largeGlobals = largeGlobalsReport(machine);
  return {
    cpus,
    packets: scheduler.finishedReports(),
    maps: mapsReport(machine),
    globals: globalsReport(machine),
    ...(controlErrors.length > 0 ? { control: [...controlErrors] } : {}),
    ...(Object.keys(largeGlobals).length > 0 ? { largeGlobals } : {}),
  };
}

/** Runs every packet, nothing recorded, and reports. */
export function runPackets(program: TypedProgram, object: LoadedObject, input: RunInput): RunReport {
  const scheduler = prepareRun(program, object, input);
  runToEnd(scheduler);
  return runReport(scheduler, input.cpus);
}

/** Every packet of a stream, each with its own copy of the bytes (a stream reuses its buffer). */
function materialize(stream: PacketStream): Packet[] {
  return Array.from({ length: stream.count }, () => {
    const packet = stream.next();
    return { cpu: packet.cpu, bytes: packet.bytes.slice() };
  });
}
