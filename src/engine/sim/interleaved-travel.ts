import type { LoadedObject } from "../loader/object";
import { InterleavedScheduler, type SchedulerCheckpoint } from "../runtime/interleave";
import { Machine, type MachineSnapshot } from "../runtime/machine";
import type { Frame, PacketRun } from "../runtime/machine-state";
import type { PacketReport } from "../runtime/report";
import { applyControl, globalsReport, mapsReport, type RunInput } from "../runtime/run";
import { ObserverStop } from "../runtime/values";
import type { TypedProgram } from "../types/symbols";
import { type RunningView, runningView, type StateView } from "./state-view";
import type { Travel } from "./time-travel";
import { DEFAULT_STATEMENT_LIMIT, TraceRecorder } from "./trace";

/** Statements between two checkpoints: a seek replays at most this many. */
export const INTERLEAVED_CHECKPOINT_EVERY = 512;

interface Checkpoint {
  readonly steps: number;
  readonly machine: MachineSnapshot;
  readonly scheduler: SchedulerCheckpoint;
}

/**
 * Time travel over an interleaved run, where several CPUs have packets in flight at once: one
 * pass records the trace and, every few hundred statements, a checkpoint of the machine and of
 * every CPU's paused packet (frame, stack, context); `seek(step)` restores the nearest and
 * replays. The schedule is deterministic, so the replay meets the same interleaving.
 */
export class InterleavedTimeTravel implements Travel {
  readonly trace: TraceRecorder;
  readonly totalSteps: number;
  readonly reports: readonly PacketReport[];
  readonly machine: Machine;
  private readonly scheduler: InterleavedScheduler;
  private readonly checkpoints: Checkpoint[] = [];

  constructor(
    program: TypedProgram,
    object: LoadedObject,
    input: RunInput & { readonly schedule: { readonly mode: "interleaved"; readonly seed: number } },
    readonly checkpointEvery = INTERLEAVED_CHECKPOINT_EVERY,
    statementLimit = DEFAULT_STATEMENT_LIMIT,
  ) {
    this.trace = new TraceRecorder(statementLimit, { interleaved: true });
    this.machine = new Machine(program, object, { cpus: input.cpus, seed: input.seed, observer: this.trace });
    const entry = object.programs.find((p) => p.name === input.entry);
    if (!entry) throw new Error(`no program named ${input.entry}`);
    const machine = this.machine;
    this.scheduler = new InterleavedScheduler(
      machine,
      input.packets,
      entry.name,
      entry.kind.type,
      input.schedule.seed,
      (index) => {
        for (const action of input.control ?? [])
          if (action.beforePacket === index) applyControl(machine, action);
      },
      input.onProgress,
    );
    let nextCheckpoint = 0;
    while (!this.scheduler.done) {
      if (this.scheduler.steps >= nextCheckpoint) {
        this.checkpoints.push(this.checkpoint());
        nextCheckpoint = this.scheduler.steps + checkpointEvery;
      }
      this.scheduler.step();
    }
    this.totalSteps = this.scheduler.steps;
    this.reports = [...this.scheduler.reports];
    // Seeks replay what the trace already holds: nothing more to record.
    machine.observer = null;
  }

  private checkpoint(): Checkpoint {
    return {
      steps: this.scheduler.steps,
      machine: this.machine.snapshot(),
      scheduler: this.scheduler.checkpoint(),
    };
  }

  /** The machine after `step` statements (clamped), every CPU's packet in flight included. */
  seek(step: number): StateView {
    return this.pause(step, null, null);
  }

  probe<T>(step: number, cpu: number | null, use: (frame: Frame) => T): T | null {
    let result: T | null = null;
    this.pause(step, cpu, (frame) => {
      result = use(frame);
    });
    return result;
  }

  private pause(step: number, cpu: number | null, onPause: ((frame: Frame) => void) | null): StateView {
    const target = Math.max(0, Math.min(Math.floor(step), this.totalSteps));
    const checkpoint = this.nearestCheckpoint(target);
    this.machine.restore(checkpoint.machine);
    this.scheduler.restore(checkpoint.scheduler);
    while (this.scheduler.steps < target && !this.scheduler.done) {
      const inside = this.stepWithin(target, cpu, onPause);
      if (inside) return inside;
    }
    if (onPause) {
      const paused = this.scheduler.inFlight().find(({ run }) => cpu === null || run.cpu === cpu);
      const frame = paused?.run.frames.at(-1);
      if (frame) onPause(frame);
    }
    return this.view(target, null);
  }

  /** One scheduler step, stopped inside a bpf2bpf call if the target falls there. */
  private stepWithin(
    target: number,
    cpu: number | null,
    onPause: ((frame: Frame) => void) | null,
  ): StateView | null {
    const travel = this;
    this.machine.observer = {
      statement(run, frame) {
        if (travel.scheduler.steps !== target + 1) return;
        if (onPause) {
          // The paused CPU is inside a call; another CPU waits at its statement.
          const other = cpu !== null && run.cpu !== cpu;
          const waiting = travel.scheduler
            .inFlight()
            .find((p) => p.run.cpu === cpu)
            ?.run.frames.at(-1);
          const probed = other ? waiting : frame;
          if (probed) onPause(probed);
        }
        throw new ObserverStop(travel.view(target, run));
      },
    };
    try {
      this.scheduler.step();
      return null;
    } catch (error) {
      if (error instanceof ObserverStop) return error.payload as StateView;
      throw error;
    } finally {
      this.machine.observer = null;
    }
  }

  /** The state now; `stopped` is a run paused inside a call (its frames show where). */
  private view(step: number, stopped: PacketRun | null): StateView {
    const cpus: RunningView[] = this.scheduler
      .inFlight()
      .map(({ run, pc }) => runningView(run, run === stopped ? undefined : pc));
    const focus = stopped?.cpu ?? this.scheduler.lastCpu;
    return {
      step,
      finishedPackets: this.scheduler.packetsFinished,
      running: cpus.find((c) => c.cpu === focus) ?? null,
      cpus,
      maps: mapsReport(this.machine),
      globals: globalsReport(this.machine),
    };
  }

  private nearestCheckpoint(step: number): Checkpoint {
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
