import type { ProgramDefinition } from "../loader/object";
import type { Packet } from "../packets";
import { SeededRandom } from "../random";
import { dataStartOf, testRunRefusal } from "./context";
import { ContextBuilder } from "./context-builder";
import type { ControlPlane } from "./control-plane";
import { NS_PER_STATEMENT } from "./limits";
import type { ChainCursor, Machine, MachineSnapshot } from "./machine";
import type { Frame, PacketRun } from "./machine-state";
import type { Pointer, Region } from "./memory";
import {
  NS_BETWEEN_PACKETS,
  NS_PER_PRINTK,
  PROGRESS_EVERY,
  PROGRESS_STATEMENTS,
  type ProgressListener,
  refusedReport,
  reportOf,
  startRun,
} from "./packet-run";
import type { ControlError, PacketReport } from "./report";
import type { InFlight, LastFinished, Scheduler } from "./scheduler";
import { RuntimeFault } from "./values";

/** Bytes and kept pointers of a region, copied. */
interface RegionCopy {
  readonly region: Region;
  readonly bytes: Uint8Array;
  readonly pointers: readonly (readonly [number, unknown])[];
}

function copyRegion(region: Region): RegionCopy {
  return { region, bytes: region.bytes.slice(), pointers: region.pointers.entries() };
}

function restoreRegion(copy: RegionCopy): void {
  copy.region.bytes.set(copy.bytes);
  copy.region.pointers.restore(copy.pointers);
}

/** A packet in flight on one CPU, paused between two statements, copied. */
interface PausedPacket {
  readonly run: Omit<PacketRun, "frames" | "budget"> & { readonly budget: number };
  readonly frame: Pick<Frame, "fn" | "stack" | "result" | "span" | "pending" | "statementStep">;
  readonly pc: number;
  readonly regions: readonly RegionCopy[];
}

/** Where an interleaved run stands between two statements: enough to resume from there. */
export interface InterleavedCheckpoint {
  readonly random: number;
  readonly lastCpu: number;
  readonly clocks: readonly number[];
  readonly nextToStart: number;
  readonly finished: number;
  /** The packet that finished last, -1 before any. */
  readonly lastFinished: number;
  readonly finishedSteps: number;
  readonly inFlight: readonly (PausedPacket | null)[];
  readonly machine: MachineSnapshot;
}

/**
 * The interleaved schedule: the CPUs run their queues at once, a statement at a time, in the
 * order of per-CPU virtual clocks (each statement takes NS_PER_STATEMENT plus seeded jitter);
 * a tie goes to a seeded pick. Deterministic for a seed, so a data race on a shared map
 * happens the same way on every replay.
 *
 * The unit is a statement: a statement, and a bpf2bpf call inside it, runs without a break,
 * so a race shows between statements (`v = *p; … *p = v + 1;`), not inside `*p += 1`.
 */
export class InterleavedScheduler implements Scheduler<InterleavedCheckpoint> {
  private readonly reports: PacketReport[];
  /** The CPU that ran the last statement (-1 before the first). */
  lastCpu = -1;
  private readonly random: SeededRandom;
  // Each CPU needs its own context: CPUs run their packets at the same time.
  private readonly contexts: ContextBuilder[];
  /** The packet that finished last (its frame is what the packet view compares with). */
  private lastFinishedIndex = -1;
  private readonly clocks: number[];
  private readonly running: (ChainCursor | null)[];
  private nextToStart = 0;
  /** Statements after which a finished packet reports progress (see PROGRESS_STATEMENTS). */
  private nextReportSteps = PROGRESS_STATEMENTS;
  private finished = 0;
  private finishedSteps = 0;

  constructor(
    readonly machine: Machine,
    private readonly packets: readonly Packet[],
    private readonly entry: ProgramDefinition,
    seed: number,
    private readonly control: ControlPlane,
    public onProgress?: ProgressListener,
  ) {
    this.random = new SeededRandom(seed);
    this.reports = new Array(packets.length);
    this.contexts = Array.from({ length: machine.cpus }, () => new ContextBuilder(entry.kind.type));
    this.clocks = new Array(machine.cpus).fill(machine.clock);
    this.running = new Array(machine.cpus).fill(null);
  }

  get packetCount(): number {
    return this.packets.length;
  }

  get controlErrors(): readonly ControlError[] {
    return this.control.errors;
  }

  get done(): boolean {
    return this.finished >= this.packets.length;
  }

  /** Never: a packet always runs a statement at a time, among the other CPUs'. */
  get betweenPackets(): boolean {
    return false;
  }

  /** Always: a checkpoint copies every CPU's paused packet. */
  get canCheckpoint(): boolean {
    return true;
  }

  runNextPacket(): void {
    throw new Error("an interleaved run goes a statement at a time");
  }

  finishedReports(): PacketReport[] {
    return [...this.reports];
  }

  runPacketBatch(): void {
    this.runNextPacket();
  }

  /** Statements run so far, on every CPU. */
  get steps(): number {
    let steps = this.finishedSteps;
    for (const cursor of this.running) if (cursor) steps += cursor.run.steps;
    return steps;
  }

  get packetsStarted(): number {
    return this.nextToStart;
  }

  get packetsFinished(): number {
    return this.finished;
  }

  /** The packets in flight, by CPU, with where each program frame goes on. */
  get dataStart(): number {
    return dataStartOf(this.entry.kind.type);
  }

  get lastFinished(): LastFinished | null {
    const packet = this.lastFinishedIndex;
    const frame = this.packets[packet]?.bytes;
    const report = this.reports[packet];
    return frame && report && !report.testRunError ? { packet, frame, packetOut: report.packetOut } : null;
  }

  inFlight(): InFlight[] {
    return this.running.flatMap((cursor) => (cursor ? [{ run: cursor.run, pc: cursor.pc }] : []));
  }

  /** Starts the packets whose CPUs are free, then runs one statement on the earliest CPU. */
  step(): void {
    const { packets, running, clocks, machine } = this;
    while (this.nextToStart < packets.length && running[packets[this.nextToStart].cpu] === null) {
      const index = this.nextToStart;
      const packet = packets[index];
      this.control.beforePacket(index);
      clocks[packet.cpu] = Math.max(clocks[packet.cpu], machine.clock) + NS_BETWEEN_PACKETS;
      this.nextToStart++;
      const refusal = testRunRefusal(this.entry.kind.type, packet.bytes);
      if (refusal !== null) {
        // Refused before its program runs: it has no statement, and its CPU stays free.
        this.reports[index] = refusedReport(packet.cpu, refusal);
        this.finished++;
        this.lastFinishedIndex = index;
        continue;
      }
      const run = startRun(machine, this.contexts[packet.cpu], index, packet);
      running[packet.cpu] = machine.startChain(run, this.entry.name);
    }
    if (this.done || running.every((cursor) => cursor === null)) return;
    const cpu = earliest(clocks, running, this.random);
    const cursor = running[cpu] as ChainCursor;
    this.lastCpu = cpu;
    machine.clock = clocks[cpu];
    try {
      machine.step(cursor);
    } catch (error) {
      if (!(error instanceof RuntimeFault)) throw error;
      this.finish(cpu, cursor, error);
      return;
    }
    clocks[cpu] = machine.clock + this.random.below(NS_PER_STATEMENT);
    if (cursor.done) this.finish(cpu, cursor, cursor.result);
  }

  private finish(cpu: number, cursor: ChainCursor, result: Parameters<typeof reportOf>[1]): void {
    this.reports[cursor.run.index] = reportOf(cursor.run, result);
    this.lastFinishedIndex = cursor.run.index;
    this.clocks[cpu] += NS_PER_PRINTK * cursor.run.printk.length;
    this.finishedSteps += cursor.run.steps;
    this.running[cpu] = null;
    this.finished++;
    if (
      this.onProgress &&
      (this.finished % PROGRESS_EVERY === 0 || this.finishedSteps >= this.nextReportSteps)
    ) {
      this.onProgress(this.finished, this.packets.length);
      this.nextReportSteps = this.finishedSteps + PROGRESS_STATEMENTS;
    }
  }

  /**
   * The scheduler between two statements: clocks, queues, random state, and each packet in
   * flight with its frame, stack, context and packet bytes (the machine's maps are the
   * machine's snapshot). A CPU between statements is in its program frame: calls run whole.
   */
  checkpoint(): InterleavedCheckpoint {
    return {
      random: this.random.position,
      lastCpu: this.lastCpu,
      clocks: [...this.clocks],
      nextToStart: this.nextToStart,
      finished: this.finished,
      lastFinished: this.lastFinishedIndex,
      finishedSteps: this.finishedSteps,
      inFlight: this.running.map((cursor) => (cursor ? saveInFlight(cursor) : null)),
      machine: this.machine.snapshot(),
    };
  }

  restore(checkpoint: InterleavedCheckpoint): void {
    this.machine.restore(checkpoint.machine);
    this.random.position = checkpoint.random;
    this.clocks.splice(0, this.clocks.length, ...checkpoint.clocks);
    this.nextToStart = checkpoint.nextToStart;
    this.finished = checkpoint.finished;
    this.lastFinishedIndex = checkpoint.lastFinished;
    this.finishedSteps = checkpoint.finishedSteps;
    this.lastCpu = checkpoint.lastCpu;
    this.control.rewindTo(checkpoint.nextToStart);
    for (let i = 0; i < this.reports.length; i++) if (i >= checkpoint.nextToStart) delete this.reports[i];
    checkpoint.inFlight.forEach((saved, cpu) => {
      this.running[cpu] = saved ? restoreInFlight(saved, this.machine) : null;
    });
    this.machine.forgetStackUse();
  }
}

function saveInFlight(cursor: ChainCursor): PausedPacket {
  const { run, frame } = cursor;
  if (!frame || run.frames.length !== 1) throw new Error("a CPU is paused inside a call");
  const { frames: _frames, budget, ...rest } = run;
  const packetRegions = new Set<Region>();
  for (const pointer of run.contextPointers.values()) packetRegions.add((pointer as Pointer).region);
  return {
    run: {
      ...rest,
      budget: budget.count,
      programs: [...run.programs],
      printk: [...run.printk],
      tailCalls: [...run.tailCalls],
      heldLocks: [...run.heldLocks],
    },
    frame: {
      fn: frame.fn,
      stack: frame.stack,
      result: frame.result,
      span: frame.span,
      pending: frame.pending && [...frame.pending],
      statementStep: frame.statementStep,
    },
    pc: cursor.pc,
    regions: [frame.stack, run.context, ...packetRegions].map(copyRegion),
  };
}

function restoreInFlight(saved: PausedPacket, machine: Machine): ChainCursor {
  for (const copy of saved.regions) restoreRegion(copy);
  const run: PacketRun = {
    ...saved.run,
    machine,
    budget: { count: saved.run.budget },
    frames: [],
    programs: [...saved.run.programs],
    printk: [...saved.run.printk],
    tailCalls: [...saved.run.tailCalls],
    heldLocks: [...saved.run.heldLocks],
  };
  // A paused frame runs in the dispatch loop, which reads its arguments from its stack.
  const frame: Frame = {
    ...saved.frame,
    args: [],
    pending: saved.frame.pending && [...saved.frame.pending],
    run,
  };
  run.frames.push(frame);
  return { run, frame, pc: saved.pc, result: 0, done: false };
}

/** The running CPU whose clock is earliest; a tie goes to a seeded pick. */
function earliest(
  clocks: readonly number[],
  running: readonly (ChainCursor | null)[],
  random: SeededRandom,
): number {
  let best = -1;
  let ties = 0;
  for (let cpu = 0; cpu < clocks.length; cpu++) {
    if (running[cpu] === null) continue;
    if (best < 0 || clocks[cpu] < clocks[best]) {
      best = cpu;
      ties = 1;
    } else if (clocks[cpu] === clocks[best] && random.below(++ties) === 0) best = cpu;
  }
  return best;
}
