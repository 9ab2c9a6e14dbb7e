import type { ProgramDefinition } from "../loader/object";
import type { Packet, PacketStream } from "../packets";
import { dataStartOf, testRunRefusal } from "./context";
import { ContextBuilder } from "./context-builder";
import type { ControlPlane } from "./control-plane";
import type { ChainCursor, Machine, MachineSnapshot } from "./machine";
import type { PacketRun } from "./machine-state";
import { PACKET_BATCH, PacketBatch } from "./packet-batch";
import {
  NS_BETWEEN_PACKETS,
  NS_PER_PRINTK,
  PROGRESS_EVERY,
  PROGRESS_STATEMENTS,
  type ProgressListener,
  refusedReport,
  reportOf,
  restartRun,
  startRun,
} from "./packet-run";
import type { ControlError, PacketReport } from "./report";
import { ReportList } from "./report-list";
import type { InFlight, LastFinished, Scheduler } from "./scheduler";
import { releaseLocks } from "./spin-lock-helpers";
import { RuntimeFault, type Value } from "./values";

/** Where a sequential run stands between two packets: enough to go on from there. */
export interface SequentialCheckpoint {
  readonly nextPacket: number;
  readonly steps: number;
  readonly lastCpu: number;
  readonly lastFinished: LastFinished | null;
  readonly machine: MachineSnapshot;
}

/**
 * The sequential schedule, as the kernel's test run goes: each packet in order runs on its CPU
 * to completion, with its tail calls, before the next starts. A packet can run whole at full
 * speed or a statement at a time; both count the same statements, so a step number means the
 * same thing on either.
 */
export class SequentialScheduler implements Scheduler<SequentialCheckpoint> {
  private readonly reports = new ReportList();
  lastCpu = -1;
  private readonly contexts: ContextBuilder;
  private cursor: ChainCursor | null = null;
  private nextPacket = 0;
  private finishedSteps = 0;
  /** Statements after which the next packet reports progress (see PROGRESS_STATEMENTS). */
  private nextReportSteps = PROGRESS_STATEMENTS;
  /** The last packet's run state, refilled for the next when nothing observes the run. */
  private finishedRun: PacketRun | null = null;
  /** The last finished packet's frame and packetOut (fields, not an object: set per packet). */
  private lastFrameBytes: Uint8Array | null = null;
  private lastPacketOut: string | undefined = undefined;

  constructor(
    readonly machine: Machine,
    /** A list, or a stream taken packet by packet (a long run need not hold its packets). */
    private readonly packets: readonly Packet[] | PacketStream,
    private readonly entry: ProgramDefinition,
    private readonly control: ControlPlane,
    public onProgress?: ProgressListener,
  ) {
    this.contexts = new ContextBuilder(entry.kind.type);
    this.stream = "next" in packets ? packets : null;
    this.packetCount = this.stream?.count ?? (packets as readonly Packet[]).length;
  }

  /** The packets as a stream, or null for a list: decided once, not per packet. */
  private readonly stream: PacketStream | null;
  readonly packetCount: number;

  get controlErrors(): readonly ControlError[] {
    return this.control.errors;
  }

  get dataStart(): number {
    return dataStartOf(this.entry.kind.type);
  }

  get lastFinished(): LastFinished | null {
    const frame = this.lastFrameBytes;
    return frame ? { packet: this.nextPacket - 1, frame, packetOut: this.lastPacketOut } : null;
  }

  get packetsStarted(): number {
    return this.nextPacket;
  }

  get packetsFinished(): number {
    return this.reports.length;
  }

  finishedReports(): PacketReport[] {
    return this.reports.toArray();
  }

  get steps(): number {
    return this.finishedSteps + (this.cursor?.run.steps ?? 0);
  }

  get done(): boolean {
    return this.cursor === null && this.nextPacket >= this.packetCount;
  }

  get betweenPackets(): boolean {
    return this.cursor === null && !this.done;
  }

  get canCheckpoint(): boolean {
    return this.cursor === null;
  }

  runNextPacket(): void {
    if (this.cursor) throw new Error("a packet is in flight");
    const run = this.startPacket();
    if (!run) return;
    this.finish(run, this.runChain(run));
  }

  /**
   * Runs the next packets whole, up to PACKET_BATCH of them, phase by phase when nothing observes
   * the run: every packet made and its context built, then each chain in order, then each
   * report (see PACKET_BATCH). Everything a chain can see happens in order in the middle phase:
   * the control plane's actions, the clock, the programs, the locks released. A run with output
   * maps goes packet by packet, as user space reads a packet's records before the next starts.
   */
  runPacketBatch(): void {
    if (this.cursor) throw new Error("a packet is in flight");
    const count = Math.min(PACKET_BATCH, this.packetCount - this.nextPacket);
    const machine = this.machine;
    if (count <= 1 || machine.observer !== null || machine.outputMaps.length > 0) {
      this.runNextPacket();
      return;
    }
    const batch = (this.batch ??= new PacketBatch(machine, this.entry.kind.type, this.stream === null));
    const first = this.nextPacket;
    for (let i = 0; i < count; i++) batch.prepare(i, first + i, this.packetAt(first + i));
    for (let i = 0; i < count; i++) {
      const slot = batch.slot(i);
      this.beginPacket(this.nextPacket++, slot.packet.cpu);
      const run = slot.run;
      if (run === null) continue;
      slot.result = this.runChain(run);
      this.settle(run);
    }
    for (let i = 0; i < count; i++) {
      const slot = batch.slot(i);
      if (slot.run === null) this.refuse(slot.packet.cpu, slot.refusal ?? "");
      else this.report(slot.run, slot.result);
    }
  }

  /** The batch's slots, made when a batch first runs. */
  private batch: PacketBatch | null = null;

  private runChain(run: PacketRun): Value | RuntimeFault {
    try {
      return this.machine.runChain(run, this.entry.name, run.context);
    } catch (error) {
      if (!(error instanceof RuntimeFault)) throw error;
      return error;
    }
  }

  step(): void {
    // A packet the test run refuses has no statement: the step goes on to the next one.
    while (!this.cursor) {
      if (this.done) return;
      const run = this.startPacket();
      if (run) this.cursor = this.machine.startChain(run, this.entry.name);
    }
    const cursor = this.cursor;
    try {
      this.machine.step(cursor);
    } catch (error) {
      if (!(error instanceof RuntimeFault)) throw error;
      this.cursor = null;
      this.finish(cursor.run, error);
      return;
    }
    if (cursor.done) {
      this.cursor = null;
      this.finish(cursor.run, cursor.result);
    }
  }

  inFlight(): InFlight[] {
    return this.cursor ? [{ run: this.cursor.run, pc: this.cursor.pc }] : [];
  }

  checkpoint(): SequentialCheckpoint {
    if (this.cursor) throw new Error("checkpoints are taken between packets");
    return {
      nextPacket: this.nextPacket,
      steps: this.finishedSteps,
      lastCpu: this.lastCpu,
      // A copy: a stream refills the frame it gave for the next packet.
      lastFinished: this.lastFrameBytes
        ? { packet: this.nextPacket - 1, frame: this.lastFrameBytes.slice(), packetOut: this.lastPacketOut }
        : null,
      machine: this.machine.snapshot(),
    };
  }

  restore(checkpoint: SequentialCheckpoint): void {
    const stream = this.stream;
    if (
      stream !== null &&
      checkpoint.nextPacket !== this.nextPacket &&
      !stream.rewind?.(checkpoint.nextPacket)
    )
      throw new Error("a streamed run cannot go back to an earlier packet");
    this.machine.restore(checkpoint.machine);
    this.cursor = null;
    this.finishedRun = null;
    this.nextPacket = checkpoint.nextPacket;
    this.finishedSteps = checkpoint.steps;
    this.lastCpu = checkpoint.lastCpu;
    this.reports.setLength(checkpoint.nextPacket);
    this.lastFrameBytes = checkpoint.lastFinished?.frame ?? null;
    this.lastPacketOut = checkpoint.lastFinished?.packetOut;
    this.control.rewindTo(checkpoint.nextPacket);
  }

  /** The next packet's run, set up; null when the test run refuses its frame (its report is made). */
  private startPacket(): PacketRun | null {
    const index = this.nextPacket++;
    const packet = this.packetAt(index);
    this.beginPacket(index, packet.cpu);
    const refusal = testRunRefusal(this.entry.kind.type, packet.bytes);
    if (refusal !== null) {
      this.refuse(packet.cpu, refusal);
      return null;
    }
    // With nothing observing, nothing holds the last packet's run: refilling it allocates nothing.
    const previous = this.finishedRun;
    this.finishedRun = null;
    return previous !== null && this.machine.observer === null
      ? restartRun(previous, this.contexts, index, packet)
      : startRun(this.machine, this.contexts, index, packet);
  }

  /** Packet `index` of the list or the stream (a stream's is valid until the next is taken). */
  private packetAt(index: number): Packet {
    return this.stream !== null ? this.stream.next() : (this.packets as readonly Packet[])[index];
  }

  /** What happens before a packet's programs run: progress, the control plane's actions, the clock. */
  private beginPacket(index: number, cpu: number): void {
    if (this.onProgress && (index % PROGRESS_EVERY === 0 || this.finishedSteps >= this.nextReportSteps)) {
      this.onProgress(index, this.packetCount);
      this.nextReportSteps = this.finishedSteps + PROGRESS_STATEMENTS;
    }
    this.control.beforePacket(index);
    this.machine.clock += NS_BETWEEN_PACKETS;
    this.lastCpu = cpu;
  }

  private refuse(cpu: number, reason: string): void {
    this.reports.push(refusedReport(cpu, reason));
    this.lastFrameBytes = null;
  }

  private finish(run: PacketRun, result: Value | RuntimeFault): void {
    this.settle(run);
    this.report(run, result);
    this.finishedRun = run;
  }

  /** What the end of a packet's programs changes for the packets after it: the locks it held, the clock, the steps. */
  private settle(run: PacketRun): void {
    if (run.heldLocks.length > 0) releaseLocks(run);
    this.machine.clock += NS_PER_PRINTK * run.printk.length;
    this.finishedSteps += run.steps;
  }

  private report(run: PacketRun, result: Value | RuntimeFault): void {
    const report = reportOf(run, result);
    this.reports.push(report);
    this.lastFrameBytes = run.frame;
    this.lastPacketOut = report.packetOut;
  }
}
