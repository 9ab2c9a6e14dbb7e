import type { LoadedObject } from "../loader/object";
import { ContextBuilder } from "../runtime/context-builder";
import { type ChainCursor, Machine, type MachineSnapshot } from "../runtime/machine";
import type { Frame, PacketRun } from "../runtime/machine-state";
import { NS_BETWEEN_PACKETS, NS_PER_PRINTK, reportOf, startRun } from "../runtime/packet-run";
import type { PacketReport } from "../runtime/report";
import { applyControl, globalsReport, mapsReport, type RunInput } from "../runtime/run";
import { ObserverStop, RuntimeFault, type Value } from "../runtime/values";
import type { TypedProgram } from "../types/symbols";
import { runningView, type StateView } from "./state-view";

export type { FrameView, LocalView, RunningView, StateView } from "./state-view";

/** Where a Stepper stands between packets: enough to resume from there. */
export interface StepperCheckpoint {
  readonly nextPacket: number;
  readonly steps: number;
  readonly snapshot: MachineSnapshot;
}

/**
 * A sequential run that advances one statement at a time: each packet in order, on its CPU,
 * with its tail calls. Whole packets can also run at full speed; both paths count the same
 * statements, so a step number means the same thing on either.
 */
export class Stepper {
  readonly machine: Machine;
  readonly reports: PacketReport[] = [];
  private readonly contexts: ContextBuilder;
  private readonly entry: string;
  private cursor: ChainCursor | null = null;
  private nextPacket = 0;
  private finishedSteps = 0;

  constructor(
    readonly program: TypedProgram,
    readonly object: LoadedObject,
    private readonly input: RunInput,
  ) {
    this.machine = new Machine(program, object, {
      cpus: input.cpus,
      seed: input.seed,
      observer: input.observer,
    });
    const entry = object.programs.find((p) => p.name === input.entry);
    if (!entry) throw new Error(`no program named ${input.entry}`);
    this.entry = entry.name;
    this.contexts = new ContextBuilder(entry.kind.type);
  }

  /** Statements executed so far. */
  get steps(): number {
    return this.finishedSteps + (this.cursor?.run.steps ?? 0);
  }

  get done(): boolean {
    return this.cursor === null && this.nextPacket >= this.input.packets.length;
  }

  get betweenPackets(): boolean {
    return this.cursor === null;
  }

  get packetsStarted(): number {
    return this.nextPacket;
  }

  /** Runs one more statement; false when every packet has finished. */
  step(): boolean {
    const target = this.steps + 1;
    while (!this.done && this.steps < target) this.advance();
    return this.steps >= target;
  }

  /**
   * Runs statements until exactly `target` have run, stopping inside a bpf2bpf call when that is
   * where the target falls. Returns the view there if it stopped inside a call: the machine is
   * then mid-statement, and only `restore` may follow. Returns null when the next whole
   * statement ended at or before the target (the stepper is then usable as usual).
   */
  stepWithin(target: number, onStop?: (frame: Frame) => void): StateView | null {
    const machine = this.machine;
    const outer = machine.observer;
    const stepper = this;
    machine.observer = {
      statement(run, frame, span) {
        outer?.statement?.(run, frame, span);
        // This statement would be number target + 1: the machine stands just after `target`.
        if (stepper.steps === target + 1) {
          onStop?.(frame);
          throw new ObserverStop(stepper.viewOf(run, target));
        }
      },
      printk: outer?.printk?.bind(outer),
      tailCall: outer?.tailCall?.bind(outer),
      mapWrite: outer?.mapWrite?.bind(outer),
      mapRead: outer?.mapRead?.bind(outer),
    };
    try {
      this.step();
      return null;
    } catch (error) {
      if (error instanceof ObserverStop) return error.payload as StateView;
      throw error;
    } finally {
      machine.observer = outer;
    }
  }

  /** The innermost frame of the packet in flight, paused between statements; null between packets. */
  currentFrame(): Frame | null {
    return this.cursor?.run.frames.at(-1) ?? null;
  }

  /** Runs the next packet to completion at full speed; only between packets. */
  runPacket(): void {
    if (this.cursor) throw new Error("a packet is in flight");
    const run = this.startPacket();
    let result: Value | RuntimeFault;
    try {
      result = this.machine.runChain(run, this.entry, run.context);
    } catch (error) {
      if (!(error instanceof RuntimeFault)) throw error;
      result = error;
    }
    this.finish(run, result);
  }

  checkpoint(): StepperCheckpoint {
    if (this.cursor) throw new Error("checkpoints are taken between packets");
    return { nextPacket: this.nextPacket, steps: this.finishedSteps, snapshot: this.machine.snapshot() };
  }

  restore(checkpoint: StepperCheckpoint): void {
    this.machine.restore(checkpoint.snapshot);
    this.cursor = null;
    this.nextPacket = checkpoint.nextPacket;
    this.finishedSteps = checkpoint.steps;
    this.reports.length = checkpoint.nextPacket;
  }

  private advance(): void {
    if (!this.cursor) {
      const run = this.startPacket();
      this.cursor = this.machine.startChain(run, this.entry);
      return;
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

  private startPacket() {
    const index = this.nextPacket++;
    for (const action of this.input.control ?? [])
      if (action.beforePacket === index) applyControl(this.machine, action);
    this.machine.clock += NS_BETWEEN_PACKETS;
    return startRun(this.machine, this.contexts, index, this.input.packets[index]);
  }

  private finish(run: ReturnType<Stepper["startPacket"]>, result: Value | RuntimeFault): void {
    this.machine.clock += NS_PER_PRINTK * run.printk.length;
    this.reports[run.index] = reportOf(run, result);
    this.finishedSteps += run.steps;
  }

  view(): StateView {
    const cursor = this.cursor;
    return cursor ? this.viewOf(cursor.run, this.steps, cursor.pc) : this.viewOf(null, this.steps);
  }

  /**
   * The machine with `run` in flight (or between packets). Each frame shows the statement it
   * runs now; the program frame's `pc`, when given, is where a paused chain goes on.
   */
  private viewOf(run: PacketRun | null, step: number, pc?: number): StateView {
    const running = run ? runningView(run, pc) : null;
    return {
      step,
      finishedPackets: this.reports.length,
      running,
      cpus: running ? [running] : [],
      maps: mapsReport(this.machine),
      globals: globalsReport(this.machine),
    };
  }
}
