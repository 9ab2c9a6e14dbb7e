import type { LoadedObject } from "../loader/object";
import type { Machine } from "../runtime/machine";
import type { Frame } from "../runtime/machine-state";
import type { PacketReport } from "../runtime/report";
import { prepareRun, type RunInput } from "../runtime/run";
import { runToEnd, type Scheduler } from "../runtime/scheduler";
import { ObserverStop } from "../runtime/values";
import type { TypedProgram } from "../types/symbols";
import { type StateView, stateView } from "./state-view";
import { DEFAULT_STATEMENT_LIMIT, TraceRecorder } from "./trace";

/**
 * Statements between two checkpoints, at most (a sequential run takes them between packets, so
 * a long packet can stretch the gap): a seek restores the nearest one and replays. A sequential
 * replay runs whole packets at full speed, so its checkpoints can be sparse (2,048 statements is
 * about 64 packets of the seed); an interleaved replay goes a statement at a time, several
 * times slower, so its checkpoints are closer. Both keep the worst seek near 10 ms here.
 */
export const CHECKPOINT_EVERY = { sequential: 2048, interleaved: 512 } as const;

/**
 * Packets a sequential recording keeps for stepping (the app's own packet limit): past them the
 * run goes on at full speed, recorded nowhere, so a run of ten million packets holds what these
 * cost and its report, not a trace of every packet.
 */
export const RECORDED_PACKETS = 100_000;

/** The part of a long run past the recorded packets: in the report, not in the trace. */
export interface UnrecordedTail {
  readonly packets: number;
  readonly steps: number;
}

/** Runs the input's packets once while recording them, ready to seek. */
export function recordRun(
  program: TypedProgram,
  object: LoadedObject,
  input: RunInput,
  options: {
    readonly checkpointEvery?: number;
    readonly statementLimit?: number;
    readonly recordedPackets?: number;
  } = {},
): Recording<unknown> {
  const interleaved = input.schedule?.mode === "interleaved";
  const every = options.checkpointEvery ?? CHECKPOINT_EVERY[interleaved ? "interleaved" : "sequential"];
  return new Recording(prepareRun(program, object, input), every, options.statementLimit, {
    interleaved,
    recordedPackets: options.recordedPackets,
  });
}

/** A recorded run the cursor moves over: its trace, size, reports, and the state at any step. */
export interface Travel {
  /** The machine the run replays on (its maps, globals and compiled programs). */
  readonly machine: Machine;
  readonly trace: TraceRecorder;
  readonly totalSteps: number;
  readonly reports: readonly PacketReport[];
  /** The packets past the recorded ones, when the run was too long to record whole. */
  readonly unrecorded: UnrecordedTail | null;
  seek(step: number): StateView;
  /**
   * Seeks to `step` and hands `use` the live innermost frame of the packet whose statement comes
   * next (on `cpu`, when several CPUs are in flight); null when no packet is in flight there.
   * The machine must not be stepped on from there: the next seek restores a checkpoint.
   */
  probe<T>(step: number, cpu: number | null, use: (frame: Frame) => T): T | null;
}

interface Checkpoint<State> {
  readonly steps: number;
  readonly state: State;
}

/**
 * Time travel over a run: one pass drives the scheduler to the end while the trace records
 * every statement, taking a checkpoint of the whole machine (and of every CPU's paused packet)
 * every few thousand statements; `seek(step)` restores the nearest checkpoint at or before the
 * step and replays from there, whole packets at full speed where the schedule allows, the rest
 * a statement at a time. The simulation is deterministic, so the state reached is the state a
 * fresh run stopped at that step would have.
 */
export class Recording<State> implements Travel {
  readonly trace: TraceRecorder;
  readonly totalSteps: number;
  /** Packet reports of the whole run, in packet order. */
  readonly reports: readonly PacketReport[];
  readonly unrecorded: UnrecordedTail | null;
  private readonly checkpoints: Checkpoint<State>[] = [];

  constructor(
    /** The scheduler the run was driven by, left at the run's end until a seek moves it. */
    readonly scheduler: Scheduler<State>,
    checkpointEvery: number,
    statementLimit = DEFAULT_STATEMENT_LIMIT,
    options: { readonly interleaved?: boolean; readonly recordedPackets?: number } = {},
  ) {
    this.trace = new TraceRecorder(statementLimit, options);
    const machine = scheduler.machine;
    machine.observer = this.trace;
    const recordedPackets = options.recordedPackets ?? RECORDED_PACKETS;
    let next = 0;
    while (!scheduler.done) {
      if (scheduler.betweenPackets && scheduler.packetsStarted >= recordedPackets) break;
      if (scheduler.canCheckpoint && scheduler.steps >= next) {
        this.checkpoints.push({ steps: scheduler.steps, state: scheduler.checkpoint() });
        next = scheduler.steps + checkpointEvery;
      }
      if (scheduler.betweenPackets) scheduler.runNextPacket();
      else scheduler.step();
    }
    this.totalSteps = scheduler.steps;
    machine.observer = null;
    this.unrecorded = scheduler.done ? null : this.runUnrecorded();
    this.reports = scheduler.finishedReports();
    // Seeks replay what the trace already holds: nothing more to record, nor to report.
    scheduler.onProgress = undefined;
  }

  /**
   * The packets past the recorded ones, at full speed with nothing watching; the state at the
   * last recorded step is kept, since the cursor stops there.
   */
  private runUnrecorded(): UnrecordedTail {
    const scheduler = this.scheduler;
    const recordedPackets = scheduler.packetsFinished;
    this.checkpoints.push({ steps: this.totalSteps, state: scheduler.checkpoint() });
    runToEnd(scheduler);
    return {
      packets: scheduler.packetsFinished - recordedPackets,
      steps: scheduler.steps - this.totalSteps,
    };
  }

  get machine(): Machine {
    return this.scheduler.machine;
  }

  /** The machine as it stands after `step` statements (clamped to the run). */
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
    const scheduler = this.scheduler;
    scheduler.restore(this.nearestCheckpoint(target).state);
    while (scheduler.steps < target && !scheduler.done) {
      const next = scheduler.packetsStarted;
      if (scheduler.betweenPackets && scheduler.steps + this.reports[next].steps <= target) {
        scheduler.runNextPacket();
        continue;
      }
      const inside = this.stepWithin(target, cpu, onPause);
      if (inside) return inside;
    }
    if (onPause) {
      const paused = scheduler.inFlight().find(({ run }) => cpu === null || run.cpu === cpu);
      const frame = paused?.run.frames.at(-1);
      if (frame) onPause(frame);
    }
    return stateView(scheduler, target, null);
  }

  /**
   * One statement; when the target falls inside it (in a bpf2bpf call), stops there and returns
   * the view, the machine left mid-statement (only a restore may follow).
   */
  private stepWithin(
    target: number,
    cpu: number | null,
    onPause: ((frame: Frame) => void) | null,
  ): StateView | null {
    const scheduler = this.scheduler;
    const machine = scheduler.machine;
    machine.observer = {
      statement(run, frame) {
        // This statement would be number target + 1: the machine stands just after `target`.
        if (scheduler.steps !== target + 1) return;
        if (onPause) {
          // The paused CPU is inside a call; the probed one may be another, waiting at its statement.
          const probed = cpu === null || run.cpu === cpu ? frame : waitingFrame(scheduler, cpu);
          if (probed) onPause(probed);
        }
        throw new ObserverStop(stateView(scheduler, target, run));
      },
    };
    try {
      scheduler.step();
      return null;
    } catch (error) {
      if (error instanceof ObserverStop) return error.payload as StateView;
      throw error;
    } finally {
      machine.observer = null;
    }
  }

  private nearestCheckpoint(step: number): Checkpoint<State> {
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

/** The frame of `cpu`'s packet, waiting at its statement while another CPU is inside a call. */
function waitingFrame(scheduler: Scheduler<unknown>, cpu: number): Frame | null {
  return (
    scheduler
      .inFlight()
      .find(({ run }) => run.cpu === cpu)
      ?.run.frames.at(-1) ?? null
  );
}
