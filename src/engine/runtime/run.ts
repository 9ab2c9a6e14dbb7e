import type { LoadedObject } from "../loader/object";
import type { ProgramType } from "../loader/sections";
import type { Packet, PacketStream } from "../packets";
import { fromHex, toHex } from "../target/bytes";
import { errnoName } from "../target/errno";
import { BPF_ANY } from "../target/kernel";
import type { TypedProgram } from "../types/symbols";
import { ContextBuilder } from "./context-builder";
import { runInterleaved } from "./interleave";
import { Machine } from "./machine";
import type { ExecutionObserver, PacketRun } from "./machine-state";
import { keyIndex } from "./maps/map";
import { ProgArrayMap } from "./maps/prog-array";
import {
  NS_BETWEEN_PACKETS,
  NS_PER_PRINTK,
  PROGRESS_EVERY,
  type ProgressListener,
  reportOf,
  restartRun,
  startRun,
} from "./packet-run";
import type { ControlAction, MapReport, PacketReport, RunReport } from "./report";

export type { ProgressListener };

import { RuntimeFault, type Value } from "./values";

export interface RunInput {
  readonly cpus: number;
  readonly entry: string;
  readonly packets: readonly Packet[];
  readonly control?: readonly ControlAction[];
  readonly seed?: number;
  readonly observer?: ExecutionObserver | null;
  /** Sequential (the default, like the kernel's test run) or interleaved by a seeded clock. */
  readonly schedule?: Schedule;
  /** Told now and then how many packets have finished, for a progress bar. */
  readonly onProgress?: ProgressListener;
}

export type Schedule =
  | { readonly mode: "sequential" }
  | { readonly mode: "interleaved"; readonly seed: number };

/**
 * Runs every packet and reports. Sequential: each packet runs to completion on its CPU, in
 * order, as the kernel's test run does. Interleaved: the CPUs run their queues at once, a
 * statement at a time, in an order a seeded virtual clock decides.
 */
/** A run's input, its packets possibly a stream (a sequential run takes each as it comes). */
export type StreamedRunInput = Omit<RunInput, "packets"> & {
  readonly packets: readonly Packet[] | PacketStream;
};

export function runPackets(program: TypedProgram, object: LoadedObject, input: StreamedRunInput): RunReport {
  const machine = new Machine(program, object, {
    cpus: input.cpus,
    seed: input.seed,
    observer: input.observer,
  });
  const entry = object.programs.find((p) => p.name === input.entry);
  if (!entry) throw new Error(`no program named ${input.entry}`);
  const controlErrors: NonNullable<RunReport["control"]> = [];
  const control = input.control ?? [];
  const beforePacket = (index: number) => {
    for (const action of control) {
      if (action.beforePacket !== index) continue;
      const error = applyControl(machine, action);
      if (error) controlErrors.push({ beforePacket: index, map: action.map, error });
    }
  };
  const packets =
    input.schedule?.mode === "interleaved"
      ? runInterleaved(
          machine,
          "next" in input.packets ? materialize(input.packets) : input.packets,
          entry.name,
          entry.kind.type,
          input.schedule.seed,
          beforePacket,
          input.onProgress,
        )
      : runSequential(machine, input.packets, entry.name, entry.kind.type, beforePacket, input.onProgress);
  return {
    cpus: input.cpus,
    packets,
    maps: mapsReport(machine),
    globals: globalsReport(machine),
    ...(controlErrors.length > 0 ? { control: controlErrors } : {}),
  };
}

/** Every packet of a stream, each with its own copy of the bytes (a stream reuses its buffer). */
function materialize(stream: PacketStream): Packet[] {
  return Array.from({ length: stream.count }, () => {
    const packet = stream.next();
    return { cpu: packet.cpu, bytes: packet.bytes.slice() };
  });
}

function runSequential(
  machine: Machine,
  packets: readonly Packet[] | PacketStream,
  entry: string,
  type: ProgramType,
  beforePacket: (index: number) => void,
  onProgress?: ProgressListener,
): PacketReport[] {
  const contexts = new ContextBuilder(type);
  const count = "next" in packets ? packets.count : packets.length;
  const reports = new Array<PacketReport>(count);
  let previous: PacketRun | null = null;
  for (let index = 0; index < count; index++) {
    if (onProgress && index % PROGRESS_EVERY === 0) onProgress(index, count);
    const packet = "next" in packets ? packets.next() : packets[index];
    beforePacket(index);
    machine.clock += NS_BETWEEN_PACKETS;
    const run: PacketRun =
      previous !== null && machine.observer === null
        ? restartRun(previous, contexts, index, packet)
        : startRun(machine, contexts, index, packet);
    reports[index] = runPacket(machine, run, entry);
    previous = run;
  }
  return reports;
}

function runPacket(machine: Machine, run: PacketRun, entry: string): PacketReport {
  let result: Value | RuntimeFault;
  try {
    result = machine.runChain(run, entry, run.context);
  } catch (error) {
    if (!(error instanceof RuntimeFault)) throw error;
    result = error;
  }
  machine.clock += NS_PER_PRINTK * run.printk.length;
  return reportOf(run, result);
}

/** A control-plane update or delete, as `bpf(BPF_MAP_UPDATE_ELEM / DELETE_ELEM)` does it. */
export function applyControl(machine: Machine, action: ControlAction): string | null {
  const map = machine.maps.get(action.map);
  if (!map) return `no map named '${action.map}'`;
  const key = fromHex(action.key);
  let result: number;
  if (map instanceof ProgArrayMap) {
    if (action.op === "delete") result = map.clearSlot(keyIndex(key));
    else {
      const kind = action.program ? machine.definitions.get(action.program)?.kind : undefined;
      if (!action.program || !kind) return `no program named '${action.program ?? ""}'`;
      result = map.setSlot(keyIndex(key), action.program, kind, BPF_ANY);
    }
  } else if (action.op === "delete") result = map.userDelete(key);
  else result = map.userUpdate(key, fromHex(action.value ?? ""), BPF_ANY);
  return result === 0 ? null : errnoName(result);
}

export function mapsReport(machine: Machine): Record<string, MapReport> {
  const report: Record<string, MapReport> = {};
  for (const [name, map] of machine.maps) {
    const { typeName: type, keySize, valueSize, maxEntries } = map.spec;
    const entries =
      map instanceof ProgArrayMap
        ? map.occupiedSlots().map((s) => ({ key: toHex(s.key), program: s.program }))
        : map
            .entries()
            .map((e) =>
              map.perCpu
                ? { key: toHex(e.key), values: e.values.map(toHex) }
                : { key: toHex(e.key), value: toHex(e.values[0]) },
            );
    report[name] = { type, keySize, valueSize, maxEntries, entries };
  }
  return report;
}

/** Every global variable the program declares (not bpf_printk's format strings), as raw bytes. */
export function globalsReport(machine: Machine): Record<string, string> {
  const report: Record<string, string> = {};
  for (const global of machine.object.globals) {
    if (global.staticLocal) continue;
    const stored = machine.globals.get(global.symbol);
    if (stored) report[global.name] = toHex(stored.bytes);
  }
  return report;
}
