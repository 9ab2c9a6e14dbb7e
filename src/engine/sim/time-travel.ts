import type { LoadedObject } from "../loader/object";
import type { PacketReport } from "../runtime/packet-run";
import { PROGRESS_EVERY } from "../runtime/packet-run";
import type { RunInput } from "../runtime/run";
import type { TypedProgram } from "../types/symbols";
import { type StateView, Stepper, type StepperCheckpoint } from "./stepper";
import { DEFAULT_STATEMENT_LIMIT, TraceRecorder } from "./trace";

/** Packets between two checkpoints: a seek replays at most this many packets. */
export const DEFAULT_CHECKPOINT_EVERY = 64;

/** A recorded run the cursor moves over: its trace, size, reports, and the state at any step. */
export interface Travel {
  readonly trace: TraceRecorder;
  readonly totalSteps: number;
  readonly reports: readonly PacketReport[];
  seek(step: number): StateView;
}

/**
 * Time travel over a sequential run: one pass at full speed records a checkpoint of the whole
 * machine every few packets and how many statements each packet ran; `seek(step)` restores the
 * nearest checkpoint at or before the step and replays from there — whole packets at full
 * speed, the last one a statement at a time. The simulation is deterministic, so the state
 * reached is the state a fresh run stopped at that step would have.
 */
export class TimeTravel implements Travel {
  private readonly stepper: Stepper;
  /** Every statement, tail call and printk line of the run. */
  readonly trace: TraceRecorder;
  private readonly checkpoints: StepperCheckpoint[] = [];
  /** Statements each packet ran, in packet order. */
  private readonly packetSteps: number[] = [];
  readonly totalSteps: number;

  constructor(
    program: TypedProgram,
    object: LoadedObject,
    input: RunInput,
    readonly checkpointEvery = DEFAULT_CHECKPOINT_EVERY,
    statementLimit = DEFAULT_STATEMENT_LIMIT,
  ) {
    this.trace = new TraceRecorder(statementLimit);
    this.stepper = new Stepper(program, object, { ...input, observer: this.trace });
    let before = 0;
    while (!this.stepper.done) {
      const started = this.stepper.packetsStarted;
      if (input.onProgress && started % PROGRESS_EVERY === 0) input.onProgress(started, input.packets.length);
      if (this.stepper.packetsStarted % checkpointEvery === 0)
        this.checkpoints.push(this.stepper.checkpoint());
      this.stepper.runPacket();
      this.packetSteps.push(this.stepper.steps - before);
      before = this.stepper.steps;
    }
    this.totalSteps = this.stepper.steps;
    this.reports = [...this.stepper.reports];
    // Seeks replay what the trace already holds: nothing more to record.
    this.stepper.machine.observer = null;
  }

  /** Packet reports of the whole run, in packet order. */
  readonly reports: readonly PacketReport[];

  /** The machine as it stands after `step` statements (clamped to the run). */
  seek(step: number): StateView {
    const target = Math.max(0, Math.min(Math.floor(step), this.totalSteps));
    const checkpoint = this.nearestCheckpoint(target);
    this.stepper.restore(checkpoint);
    while (this.stepper.steps < target) {
      const packet = this.stepper.packetsStarted;
      if (this.stepper.betweenPackets && this.stepper.steps + this.packetSteps[packet] <= target) {
        this.stepper.runPacket();
        continue;
      }
      // A step inside a bpf2bpf call: the view comes from the paused machine.
      const inside = this.stepper.stepWithin(target);
      if (inside) return inside;
      if (this.stepper.done) break;
    }
    return this.stepper.view();
  }

  private nearestCheckpoint(step: number): StepperCheckpoint {
    let low = 0;
    let high = this.checkpoints.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.checkpoints[middle].steps <= step) low = middle;
      else high = middle - 1;
    }
    return this.checkpoints[low];
  }
}
