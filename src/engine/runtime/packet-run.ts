import type { Packet } from "../packets";
import { toHex } from "../target/bytes";
import type { ContextBuilder } from "./context-builder";
import type { Machine } from "./machine";
import type { PacketRun } from "./machine-state";
import type { Region } from "./memory";
import type { OutputRecord, PacketReport } from "./report";
import { releaseLocks } from "./spin-lock-helpers";
import { RuntimeFault, type Value } from "./values";

/** Virtual time between two test runs (a syscall apart) and for each printk line. */
export const NS_BETWEEN_PACKETS = 50_000;
export const NS_PER_PRINTK = 1_000;

/** Called with the packets finished so far and the total. */
export type ProgressListener = (done: number, total: number) => void;

/** Packets between two progress reports: often enough for a smooth bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 2048;

/**
 * Statements after which a run reports progress even inside a batch of PROGRESS_EVERY packets:
 * a program that loops long per packet still says it is alive (the app's watchdog listens).
 */
export const PROGRESS_STATEMENTS = 2_000_000;

function retvalOf(value: Value): number {
  if (typeof value === "number") return value >>> 0;
  if (typeof value === "bigint") {
    // Most programs return a small `long` (SK_PASS, XDP_PASS, TC_ACT_OK): compared with the
    // usual ones first, as `Number` of a bigint is a call into V8's runtime (about 110
    // instructions). A value whose double lands in [0, 2^32) is exactly that integer: anything
    // of 2^53 or more stays that large.
    if (value === 0n) return 0;
    if (value === 1n) return 1;
    if (value === 2n) return 2;
    const approximate = Number(value);
    return approximate >= 0 && approximate <= 0xffff_ffff ? approximate : Number(BigInt.asUintN(32, value));
  }
  return 0;
}

/** A packet's run state on its CPU, with the context BPF_PROG_TEST_RUN would build. */
export function startRun(
  machine: Machine,
  contexts: ContextBuilder,
  index: number,
  packet: Packet,
): PacketRun {
  contexts.build(packet.bytes);
  return {
    index,
    cpu: packet.cpu,
    machine,
    context: contexts.region,
    contextPointers: contexts.packetPointers,
    frame: packet.bytes,
    dataStart: contexts.dataStart,
    budget: { count: 0 },
    pendingTailCall: null,
    steps: 0,
    frames: [],
    programs: [],
    printk: [],
    tailCalls: [],
    heldLocks: [],
  };
}

type Refillable = { -readonly [K in keyof PacketRun]: PacketRun[K] };

/**
 * `startRun` in the run state of the packet before, which nothing holds once its report is made
 * (in a run no observer watches): a packet then allocates no run, and no arrays to grow.
 */
export function restartRun(
  previous: PacketRun,
  contexts: ContextBuilder,
  index: number,
  packet: Packet,
): PacketRun {
  const run = previous as Refillable;
  contexts.build(packet.bytes);
  run.index = index;
  run.cpu = packet.cpu;
  run.context = contexts.region;
  run.contextPointers = contexts.packetPointers;
  run.frame = packet.bytes;
  run.dataStart = contexts.dataStart;
  return clearProgress(run);
}

/**
 * A run back to where its programs have not started, its context as it is: what the kernel's
 * `BPF_PROG_TEST_RUN` with `repeat` does between two runs of one packet (the benchmark compares
 * Tailscope with it so).
 */
export function clearProgress(run: PacketRun): PacketRun {
  const refilled = run as Refillable;
  refilled.budget.count = 0;
  refilled.pendingTailCall = null;
  refilled.steps = 0;
  empty(refilled.frames);
  empty(refilled.programs);
  empty(refilled.printk);
  empty(refilled.tailCalls);
  empty(refilled.heldLocks);
  return run;
}

/** Empties a short list; V8 runs `list.length = 0` through the runtime, slower than a few pops. */
function empty(list: unknown[]): void {
  while (list.length > 0) list.pop();
}

/** The report of a packet the test run refused before its program ran (see testRunRefusal). */
export function refusedReport(cpu: number, reason: string): PacketReport {
  return Object.freeze({
    cpu,
    retval: 0,
    printk: [],
    programs: [],
    tailCalls: [],
    steps: 0,
    fault: null,
    testRunError: Object.freeze({ errno: "-EINVAL", reason }),
  });
}

/** The report of a finished run: the last program's value, or the fault that stopped it. */
export function reportOf(run: PacketRun, result: Value | RuntimeFault): PacketReport {
  let retval = 0;
  let fault: PacketReport["fault"] = null;
  if (result instanceof RuntimeFault) {
    const { line } = result.span.file.position(result.span.start);
    fault = { message: result.message, file: result.span.file.name, line };
  } else retval = retvalOf(result);
  // Most packets hold no lock, send no record and leave their packet as it was: the checks
  // are made here, where V8 inlines them, rather than by a call each. Only tc and XDP programs
  // (those whose data starts at the MAC header) can change a packet: socket filters and
  // cgroup_skb programs read it, and call no helper that writes it.
  if (run.heldLocks.length > 0) releaseLocks(run);
  const reports = run.machine.reports;
  const output = run.machine.outputMaps.length === 0 ? null : outputOf(run);
  const packetOut = run.dataStart !== 0 ? null : packetOutOf(run);
  if (fault === null && output === null && packetOut === null) {
    const repeated = reports.repeat(run.cpu, retval, run.steps, run.printk, run.programs, run.tailCalls);
    if (repeated !== null) return repeated;
  }
  // One object shape for every packet without records (the common case), built in place.
  const report: PacketReport = {
    cpu: run.cpu,
    retval,
    printk: reports.printk(run.printk),
    programs: reports.programs(run.programs),
    tailCalls: reports.tailCalls(run.tailCalls),
    steps: run.steps,
    fault,
  };
  if (output !== null) (report as { output?: readonly OutputRecord[] }).output = output;
  if (packetOut !== null) (report as { packetOut?: string }).packetOut = packetOut;
  return reports.packet(report);
}

/**
 * Where the program's data_meta, data and data_end point, as offsets into the packet's region;
 * null when they are not in one region. The first packet pointers are always data, data_end
 * and data_meta (ContextBuilder, and the helpers that move the packet, keep that order).
 */
export function packetBounds(
  run: PacketRun,
): { region: Region; meta: number; data: number; end: number } | null {
  const pointers = run.contextPointers.values();
  const data = pointers.next().value;
  const end = pointers.next().value;
  const meta = pointers.next().value;
  if (!data || !end || data.region !== end.region) return null;
  const metaAt = meta?.region === data.region ? meta.offset : data.offset;
  return { region: data.region, meta: metaAt, data: data.offset, end: Math.max(data.offset, end.offset) };
}

/**
 * The packet as BPF_PROG_TEST_RUN's data_out gives it back, when a tc or XDP program changed it (its
 * bytes or its length), else null: the bytes from skb->data (or xdp->data) to the end, after
 * the MAC header a type starting at the network header gets back zeroed (the kernel's
 * bpf_prog_test_run_skb pushes it again and clears it).
 */
function packetOutOf(run: PacketRun): string | null {
  const bounds = packetBounds(run);
  if (!bounds) return null;
  const { bytes, start } = bounds.region;
  // An XDP test run gives the frame back from its metadata on (bpf_test_finish from data_meta).
  const first = Math.min(bounds.meta, bounds.data);
  const from = start + first;
  const length = bounds.end - first;
  const { frame, dataStart } = run;
  if (length === frame.length - dataStart) {
    let i = 0;
    while (i < length && bytes[from + i] === frame[dataStart + i]) i++;
    if (i === length) return null;
  }
  const out = new Uint8Array(dataStart + Math.max(0, length));
  out.set(bytes.subarray(from, from + Math.max(0, length)), dataStart);
  return toHex(out);
}

/**
 * What user space reads of the packet's records when it ends (ring buffers, perf event
 * arrays), or null when there are none.
 */
function outputOf(run: PacketRun): OutputRecord[] | null {
  const maps = run.machine.outputMaps;
  if (maps.length === 0) return null;
  const output: OutputRecord[] = [];
  for (const [name, map] of maps)
    for (const bytes of map.drain?.(run.index) ?? [])
      output.push(Object.freeze({ map: name, data: toHex(bytes) }));
  return output.length > 0 ? output : null;
}
