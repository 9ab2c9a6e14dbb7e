import type { LoadedObject } from "../loader/object";
import type { Machine } from "../runtime/machine";
import type { Frame } from "../runtime/machine-state";
import { PROGRESS_EVERY } from "../runtime/packet-run";
import type { PacketReport } from "../runtime/report";
import type { RunInput } from "../runtime/run";
import type { TypedProgram } from "../types/symbols";
import { type StateView, Stepper, type StepperCheckpoint } from "./stepper";
import { DEFAULT_STATEMENT_LIMIT, TraceRecorder } from "./trace";

/** Packets between two checkpoints: a seek replays at most this many packets. */
export const DEFAULT_CHECKPOINT_EVERY = 64;

/** A recorded run the cursor moves over: its trace, size, reports, and the state at any step. */
export interface Travel {
  /** The machine the run replays on (its maps, globals and compiled programs). */
  readonly machine: Machine;
  readonly trace: TraceRecorder;
  readonly totalSteps: number;
  readonly reports: readonly PacketReport[];
  seek(step: number): StateView;
  /**
   * Seeks to `step` and hands `use` the live innermost frame of the packet whose statement comes
   * next (on `cpu`, when several CPUs are in flight); null when no packet is in flight there.
   * The machine must not be stepped on from there: the next seek restores a checkpoint.
   */
  probe<T>(step: number, cpu: number | null, use: (frame: Frame) => T): T | null;
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
  get machine(): Machine {
    return this.stepper.machine;
  }
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
    return this.pause(step, null);
  }

  probe<T>(step: number, _cpu: number | null, use: (frame: Frame) => T): T | null {
    let result: T | null = null;
    this.pause(step, (frame) => {
      result = use(frame);
    });
    return result;
  }

  private pause(step: number, onPause: ((frame: Frame) => void) | null): StateView {
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
      const inside = this.stepper.stepWithin(target, onPause ?? undefined);
      if (inside) return inside;
      if (this.stepper.done) break;
    }
    const view = this.stepper.view();
    const frame = this.stepper.currentFrame();
    if (onPause && frame) onPause(frame);
    return view;
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
