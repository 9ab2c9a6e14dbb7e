import type { LoadedObject } from "../loader/object";
import { readUnsigned, toHex } from "../runtime/bytes";
import { ContextBuilder } from "../runtime/context-builder";
import { type ChainCursor, Machine, type MachineSnapshot } from "../runtime/machine";
import type { Frame, PacketRun } from "../runtime/machine-state";
import type { Pointer } from "../runtime/memory";
import {
  NS_BETWEEN_PACKETS,
  NS_PER_PRINTK,
  type PacketReport,
  reportOf,
  startRun,
} from "../runtime/packet-run";
import { applyControl, globalsReport, type MapReport, mapsReport, type RunInput } from "../runtime/run";
import { ObserverStop, RuntimeFault, type Value } from "../runtime/values";
import { integerOf, isInteger, sizeOf } from "../types/ctypes";
import { quoteType } from "../types/format";
import type { TypedProgram } from "../types/symbols";

/** A local as the inspector shows it: its C type and the bytes its stack slot holds. */
export interface LocalView {
  readonly name: string;
  readonly type: string;
  readonly bytes: string;
  /** For an integer: its value, as C reads those bytes. */
  readonly value?: string;
  /** For a pointer: what it points into (`tail_context_map[0] (CPU 1) + 0`), or null for NULL. */
  readonly pointsTo?: string | null;
}

export interface FrameView {
  readonly function: string;
  readonly file: string;
  /** The statement that runs next. */
  readonly line: number;
  readonly column: number;
  readonly locals: readonly LocalView[];
}

/** The whole machine at one step: what a time-travelling UI shows. */
export interface StateView {
  readonly step: number;
  /** Packets run to completion so far. */
  readonly finishedPackets: number;
  /** The packet in flight, if any: its index, CPU, chain so far, printk so far, frames. */
  readonly running: {
    readonly packet: number;
    readonly cpu: number;
    readonly programs: readonly string[];
    readonly printk: readonly string[];
    readonly frames: readonly FrameView[];
  } | null;
  readonly maps: Record<string, MapReport>;
  readonly globals: Record<string, string>;
}

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
  stepWithin(target: number): StateView | null {
    const machine = this.machine;
    const outer = machine.observer;
    const stepper = this;
    machine.observer = {
      statement(run, frame, span) {
        outer?.statement?.(run, frame, span);
        // This statement would be number target + 1: the machine stands just after `target`.
        if (stepper.steps === target + 1) throw new ObserverStop(stepper.viewOf(run, target));
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
    return {
      step,
      finishedPackets: this.reports.length,
      running: run
        ? {
            packet: run.index,
            cpu: run.cpu,
            programs: [...run.programs],
            printk: [...run.printk],
            frames: run.frames.map((frame, i) => this.frameView(frame, i === 0 ? pc : undefined)),
          }
        : null,
      maps: mapsReport(this.machine),
      globals: globalsReport(this.machine),
    };
  }

  private frameView(frame: Frame, pc: number | undefined): FrameView {
    const { spans } = frame.fn;
    // A paused chain's program frame goes on at `pc`; a frame inside a call is at its statement.
    let span = pc === undefined ? frame.span : null;
    for (let at = pc ?? 0; at < spans.length && !span; at++) span = spans[at];
    const position = span ? span.file.position(span.start) : { line: 0, column: 0 };
    return {
      function: frame.fn.symbol.name,
      file: span?.file.name ?? "",
      line: position.line,
      column: position.column,
      locals: frame.fn.locals.map(({ symbol, offset }) => {
        const size = Math.max(1, sizeOf(symbol.type));
        const stack = frame.stack;
        const view: LocalView = {
          name: symbol.name,
          type: quoteType(symbol.type),
          bytes: toHex(stack.bytes.subarray(offset, offset + size)),
        };
        if (isInteger(symbol.type)) {
          const { size: width, signed } = integerOf(symbol.type);
          const raw = readUnsigned(stack.bytes, offset, width);
          return { ...view, value: String(signed ? BigInt.asIntN(width * 8, raw) : raw) };
        }
        if (symbol.type.kind !== "pointer") return view;
        const pointer = stack.pointers.get(offset) as Pointer | undefined;
        return { ...view, pointsTo: pointer ? `${pointer.region.name} + ${pointer.offset}` : null };
      }),
    };
  }
}
