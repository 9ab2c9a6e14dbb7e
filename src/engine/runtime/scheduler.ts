import type { Machine } from "./machine";
import type { PacketRun } from "./machine-state";
import type { ControlError, PacketReport } from "./report";

/** The packet that finished last: what the packet view compares. */
export interface LastFinished {
  readonly packet: number;
  readonly frame: Uint8Array;
  readonly packetOut: string | undefined;
}

/** A packet in flight: its run, and where its program frame goes on while it is paused. */
export interface InFlight {
  readonly run: PacketRun;
  readonly pc: number;
}

/**
 * Decides which packet's statement runs next, and runs it: the sequential schedule (each packet
 * to completion, as the kernel's test run does) or the interleaved one (CPUs at once). A run is
 * a scheduler driven to its end; a recording drives one while the trace watches, and goes back
 * to its checkpoints to show any step.
 */
export interface Scheduler<Checkpoint> {
  readonly machine: Machine;
  /** Each finished packet's report, at its index, in a new array (a run's are kept otherwise). */
  finishedReports(): PacketReport[];
  /** Control-plane actions that failed so far. */
  readonly controlErrors: readonly ControlError[];
  readonly packetCount: number;
  readonly packetsStarted: number;
  readonly packetsFinished: number;
  /** Statements run so far, on every CPU. */
  readonly steps: number;
  readonly done: boolean;
  /** The CPU that ran the last statement (-1 before the first). */
  readonly lastCpu: number;
  /** No packet is in flight and the next one can run whole, at full speed (`runNextPacket`). */
  readonly betweenPackets: boolean;
  /** A checkpoint can be taken now. */
  readonly canCheckpoint: boolean;
  /** Told now and then how many packets have finished; a recording stops it after its pass. */
  onProgress?: (done: number, total: number) => void;
  /** Runs the next packet to completion at full speed; only `betweenPackets`. */
  runNextPacket(): void;
  /**
   * Runs the next packets to completion at full speed, as many at once as the schedule takes
   * (at least one); only `betweenPackets`. A run to the end goes this way.
   */
  runPacketBatch(): void;
  /** Runs one statement (starting packets as their CPUs come free). */
  step(): void;
  /** The packets in flight, by CPU. */
  inFlight(): InFlight[];
  /**
   * The packet that finished last, the frame it arrived as and its report's packetOut, read
   * between packets (a stream may refill the frame once the next starts); null when its test
   * run refused it.
   */
  readonly lastFinished: LastFinished | null;
  /** Bytes of each frame before the entry program's `data` (see dataStartOf). */
  readonly dataStart: number;
  checkpoint(): Checkpoint;
  restore(checkpoint: Checkpoint): void;
}

/** Runs every packet: whole packets where the schedule allows, otherwise a statement at a time. */
export function runToEnd(scheduler: Scheduler<unknown>): void {
  while (!scheduler.done) {
    if (scheduler.betweenPackets) scheduler.runPacketBatch();
    else scheduler.step();
  }
}
