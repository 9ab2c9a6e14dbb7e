import type { Diagnostic } from "../diagnostics/diagnostic";
import type { LoadedObject, ProgramDefinition } from "../loader/object";
import { SeededRandom } from "../random";
import type { Span } from "../source/source-file";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../types/symbols";
import { BPF_MAX_LOOPS } from "./callback-helpers";
import type { CodegenEnvironment } from "./codegen/function-generator";
import { generateFunction } from "./codegen/generate-function";
import { FramePool, restartFrame } from "./frame-pool";
import { NS_PER_STATEMENT, RUNAWAY_STATEMENTS } from "./limits";
import {
  type CompiledFunction,
  type ExecutionObserver,
  type Frame,
  type MachineState,
  type PacketRun,
  RETURN,
  TAIL_CALLED,
} from "./machine-state";
import { createMap } from "./maps/create";
import { indexKey, type MapImpl, type MapSnapshot } from "./maps/map";
import { MapOfMaps } from "./maps/map-of-maps";
import { ProgArrayMap } from "./maps/prog-array";
import {
  forgetAllPointers,
  type Pointer,
  type Region,
  region,
  restorePages,
  TRACKED_REGION_BYTES,
  trackedRegion,
  writtenPages,
} from "./memory";
import { ReportInterner } from "./report-interner";
import {
  type FunctionHandle,
  type MapHandle,
  ObserverStop,
  RuntimeFault,
  representation,
  UNWIND_FOR_PACKET_LOAD_EXIT,
  UNWIND_FOR_SPIN,
  UNWIND_FOR_TAIL_CALL,
  type Value,
} from "./values";

/** Base addresses for regions, so pointers have numbers (for %p, casts and %s) that map back to memory. */
const ADDRESS_BASE = 0xffff_8880_0000_0000n;
const ADDRESS_STRIDE = 0x10_0000n;
/** Up to this many programs, `programNamed` scans a list rather than hashing the name. */
const SCANNED_PROGRAMS = 8;
/** The name of the context region of socket-buffer programs (context-builder.ts). */
const SKB_CONTEXT = "struct __sk_buff";

/** The state a machine keeps between packets, copied (see `Machine.snapshot`). */
export interface MachineSnapshot {
  readonly maps: ReadonlyMap<string, MapSnapshot>;
  /** Each writable global's bytes, or a large one's written pages. */
  readonly globals: ReadonlyMap<Region, Uint8Array | Map<number, Uint8Array>>;
  readonly clock: number;
  readonly random: number;
}

/** Where a packet's chain stands when it runs a statement at a time. */
export interface ChainCursor {
  readonly run: PacketRun;
  /** The running program's frame; null before the first program starts. */
  frame: Frame | null;
  pc: number;
  /** The last program's return value, once done. */
  result: Value;
  done: boolean;
}

export interface MachineOptions {
  readonly cpus: number;
  readonly seed?: number;
  readonly observer?: ExecutionObserver | null;
}

/**
 * The simulated machine: maps with per-CPU copies, globals, compiled programs, a virtual clock.
 * It runs one packet at a time on a chosen CPU (`PacketRunner` drives it).
 */
export class Machine implements MachineState {
  readonly cpus: number;
  readonly maps = new Map<string, MapImpl>();
  /** Made once: most programs have none, and every packet's report asks. */
  readonly outputMaps: readonly (readonly [string, MapImpl])[];
  readonly mapHandles = new Map<VariableSymbol, MapHandle>();
  /** The same handles by map name: what a map of maps' slots and the control plane name. */
  readonly mapHandlesByName = new Map<string, MapHandle>();
  readonly globals = new Map<VariableSymbol, Region>();
  readonly functions = new Map<FunctionSymbol, CompiledFunction>();
  readonly programs = new Map<string, CompiledFunction>();
  readonly definitions: ReadonlyMap<string, ProgramDefinition>;
  /** The programs' names and compiled functions in one order, for `programNamed`. */
  private readonly programNames: readonly string[];
  private readonly programList: readonly CompiledFunction[];
  readonly diagnostics: Diagnostic[] = [];
  /** Set while recording a trace; replays for time travel run without it. */
  observer: ExecutionObserver | null;
  /** Nanoseconds, as a double: exact to 2^53 ns (104 days), and no bigint allocated per statement. */
  clock = 100_000_000_000;
  callbackHelper: string | null = null;
  readonly reports = new ReportInterner();
  private readonly random: SeededRandom;
  private readonly bases = new Map<Region, bigint>();
  private readonly regionsByBase: Region[] = [];
  private readonly handles = new Map<FunctionSymbol, FunctionHandle>();
  private readonly env: CodegenEnvironment;

  constructor(
    readonly program: TypedProgram,
    readonly object: LoadedObject,
    options: MachineOptions,
  ) {
    this.cpus = options.cpus;
    this.observer = options.observer ?? null;
    this.random = new SeededRandom(options.seed ?? 1);
    this.definitions = new Map(object.programs.map((p) => [p.name, p]));
    for (const definition of object.maps) {
      const map = createMap(definition, this.cpus);
      if (map instanceof ProgArrayMap) {
        map.owner = object.progArrayOwners.get(definition.name) ?? null;
        for (const slot of definition.initialSlots) {
          const definition = this.definitions.get(slot.program);
          if (definition) map.setSlot(slot.index, definition.name, definition.kind);
        }
      }
      this.maps.set(definition.name, map);
      const handle: MapHandle = { kind: "map", name: definition.name, map };
      this.mapHandles.set(definition.symbol, handle);
      this.mapHandlesByName.set(definition.name, handle);
    }
    for (const definition of object.maps) {
      const outer = this.maps.get(definition.name);
      for (const slot of definition.initialInnerMaps) {
        const inner = this.mapHandlesByName.get(slot.map);
        if (outer instanceof MapOfMaps && inner) outer.setInner(indexKey(slot.index), inner);
      }
    }
    this.outputMaps = [...this.maps].filter(([, map]) => map.drain !== undefined);
    for (const global of object.globals) {
      // libbpf freezes .rodata and .kconfig: programs only read them.
      const writable = global.section !== ".rodata" && global.section !== ".kconfig";
      const size = global.initial.length;
      // A kernel-sized zeroed global is committed only where written (see trackedRegion).
      const stored =
        global.zeroInitialised && size >= TRACKED_REGION_BYTES
          ? trackedRegion("global", global.name, size, writable)
          : region("global", global.name, global.initial.slice(), 0, size, writable);
      stored.mapSlot = { map: global.name, key: "", cpu: null, place: "global" };
      this.globals.set(global.symbol, stored);
    }
    this.env = {
      program,
      object,
      globals: this.globals,
      mapHandles: this.mapHandles,
      stringRegion: (bytes) => region("global", "a string literal", bytes, 0, bytes.length, false),
      compiled: (symbol) => this.compiled(symbol),
      functionHandle: (symbol) => this.functionHandle(symbol),
      diagnostics: this.diagnostics,
    };
    for (const definition of object.programs)
      this.programs.set(definition.name, this.compiled(definition.symbol));
    this.programNames = [...this.programs.keys()];
    this.programList = [...this.programs.values()];
  }

  compiled(symbol: FunctionSymbol): CompiledFunction {
    let fn = this.functions.get(symbol);
    if (!fn) {
      fn = generateFunction(this.env, symbol);
      this.functions.set(symbol, fn);
    }
    return fn;
  }

  private functionHandle(symbol: FunctionSymbol): FunctionHandle {
    let handle = this.handles.get(symbol);
    if (!handle) {
      handle = { kind: "function", symbol, helperId: null };
      this.handles.set(symbol, handle);
    }
    return handle;
  }

  /**
   * Maps, globals, the clock and the random source: all a packet boundary leaves behind. A
   * read-only global never changes; a large one keeps only its written pages.
   */
  snapshot(): MachineSnapshot {
    const maps = new Map<string, MapSnapshot>();
    for (const [name, map] of this.maps) maps.set(name, map.snapshot());
    const globals = new Map<Region, Uint8Array | Map<number, Uint8Array>>();
    for (const region of this.globals.values())
      if (region.writable) globals.set(region, region.written ? writtenPages(region) : region.bytes.slice());
    return { maps, globals, clock: this.clock, random: this.random.position };
  }

  /** Back to a snapshot taken by this machine, between packets. */
  restore(snapshot: MachineSnapshot): void {
    for (const [name, saved] of snapshot.maps) this.maps.get(name)?.restore(saved);
    for (const [region, saved] of snapshot.globals) {
      if (saved instanceof Map) restorePages(region, saved);
      else region.bytes.set(saved);
      forgetAllPointers(region);
    }
    this.clock = snapshot.clock;
    this.random.position = snapshot.random;
  }

  nextRandom(): number {
    return this.random.nextU32();
  }

  addressOf(pointer: Pointer): bigint {
    let base = this.bases.get(pointer.region);
    if (base === undefined) {
      base = ADDRESS_BASE + BigInt(this.regionsByBase.length) * ADDRESS_STRIDE;
      this.bases.set(pointer.region, base);
      this.regionsByBase.push(pointer.region);
    }
    return base + BigInt(pointer.offset);
  }

  readonly memoryReader = (address: bigint, length: number): Uint8Array | null =>
    this.readAt(address, length);

  readAt(address: bigint, length: number): Uint8Array | null {
    const index = Number((address - ADDRESS_BASE) / ADDRESS_STRIDE);
    const target = this.regionsByBase[index];
    if (!target || address < ADDRESS_BASE) return null;
    const offset = Number(address - ADDRESS_BASE - BigInt(index) * ADDRESS_STRIDE);
    if (offset < 0 || offset + length > target.size) return null;
    // The kernel's context pointer is its struct sk_buff, laid out nothing like __sk_buff: what
    // printk's %pI4 or %s finds at a field's address is the kernel's own data, which a test run
    // leaves zero at the addresses' offsets (conformance case printk-context-address).
    if (target.kind === "context" && target.name === SKB_CONTEXT) return new Uint8Array(length);
    return target.bytes.subarray(target.start + offset, target.start + offset + length);
  }

  /**
   * A new frame with its own 512-byte stack, the arguments stored in its parameters: those the
   * dispatch loop reads, or, for a frame `execute` will run whole, those its whole function does
   * not hold in variables.
   */
  newFrame(run: PacketRun, fn: CompiledFunction, args: readonly Value[], forExecute: boolean): Frame {
    const observed = this.observer !== null;
    return this.framePool.frame(run, fn, args, observed, forExecute && !observed && fn.whole !== null);
  }

  /**
   * A self call clang made a loop: the same frame starts over with new arguments, its locals
   * cleared as a new frame's are (the verifier lets nothing read a local before it is written).
   */
  reenter(frame: Frame, args: readonly Value[]): void {
    restartFrame(frame, args);
  }

  /**
   * After a restore that wrote old bytes back into stacks, any of them may be dirty beyond what
   * the bookkeeping says: the next frame at each depth clears its whole stack.
   */
  forgetStackUse(): void {
    this.framePool.forgetStackUse();
  }

  private readonly framePool = new FramePool();

  /**
   * Runs a frame to its return. A tail call ends it (`pendingTailCall` says where to), and the
   * nearest frame that is not inlined acts on it: a program's own frame hands it to the chain
   * runner, a subprogram's frame is replaced by the target program, whose result becomes the
   * call's (kernel-facts §1.2).
   */
  execute(frame: Frame): Value {
    const run = frame.run;
    run.frames.push(frame);
    try {
      const whole = frame.fn.whole;
      // A statement observer hears of each statement: only the dispatch loop tells it.
      if (whole !== null && this.observer === null) whole(frame, this);
      else this.runFrom(frame, 0, false);
      return frame.result;
    } finally {
      run.frames.pop();
    }
  }

  /**
   * The one dispatch loop: runs `frame`'s instructions from `pc`, to its return or, with
   * `oneStatement`, until one statement (and the bookkeeping jumps before it) has run. Returns
   * the pc to go on from, RETURN, or TAIL_CALLED when a tail call ended the frame.
   */
  private runFrom(frame: Frame, pc: number, oneStatement: boolean): number {
    const { instructions, spans } = frame.fn;
    const run = frame.run;
    for (;;) {
      const span = spans[pc];
      if (span) this.countStep(run, frame, span);
      try {
        pc = instructions[pc](frame);
      } catch (error) {
        if (error === UNWIND_FOR_PACKET_LOAD_EXIT) return this.exitWithZero(frame);
        // A CPU spinning on a lock runs the statement again at its next turn.
        if (error === UNWIND_FOR_SPIN) {
          if (oneStatement) return pc;
          throw error;
        }
        if (error !== UNWIND_FOR_TAIL_CALL) throw asFault(error, span ?? frame.fn.symbol.span);
      }
      if (run.pendingTailCall !== null) return TAIL_CALLED;
      if (pc < 0) {
        if (pc !== RETURN) this.leftFunction(frame);
        return RETURN;
      }
      if (oneStatement && span) return pc;
    }
  }

  /**
   * A whole function's statement at `pc` threw (see WholeFunctionHost): as the dispatch loop
   * does, a tail call ends the frame, an LD_ABS exit returns 0, a fault is thrown; a tail call
   * that named no program runs the statement again, as the loop would.
   */
  unwound(frame: Frame, pc: number, error: unknown): number {
    if (error === UNWIND_FOR_PACKET_LOAD_EXIT) return this.exitWithZero(frame);
    if (error === UNWIND_FOR_SPIN) throw error;
    if (error !== UNWIND_FOR_TAIL_CALL) throw asFault(error, frame.fn.spans[pc] ?? frame.fn.symbol.span);
    return frame.run.pendingTailCall !== null ? TAIL_CALLED : this.runFrom(frame, pc, false);
  }

  leftFunction(frame: Frame): never {
    throw new RuntimeFault("control left the function", frame.fn.symbol.span);
  }

  runaway(span: Span): never {
    const limit = `the packet ran more than ${RUNAWAY_STATEMENTS.toLocaleString("en")} statements`;
    const helper = this.callbackHelper;
    // A loop of the program's own the kernel's verifier walks turn by turn, and it refuses one
    // this long; a callback helper bounds its calls itself, and the kernel runs them all.
    const why =
      helper === null
        ? "the kernel's verifier would not have loaded a program that can loop this long"
        : `Tailscope stops a packet there, but the kernel would go on: ${helper} bounds its callback's calls itself${helper === "bpf_loop" ? ` (up to ${BPF_MAX_LOOPS.toLocaleString("en")} calls)` : ""}`;
    throw new RuntimeFault(`${limit}; ${why}`, span);
  }

  /** An LD_ABS load past the packet returns 0 from the function it is in; an inlined body's is its caller's. */
  private exitWithZero(frame: Frame): number {
    if (frame.fn.symbol.inline) throw UNWIND_FOR_PACKET_LOAD_EXIT;
    frame.result = representation(frame.fn.symbol.type.returns) === "wide" ? 0n : 0;
    return RETURN;
  }

  private countStep(run: PacketRun, frame: Frame, span: Span): void {
    run.steps++;
    frame.span = span;
    this.clock += NS_PER_STATEMENT;
    if (run.steps > RUNAWAY_STATEMENTS) this.runaway(span);
    this.observer?.statement?.(run, frame, span);
  }

  /** A bpf2bpf call (or an inlined function's body) run to completion. */
  call(run: PacketRun, fn: CompiledFunction, args: readonly Value[]): Value {
    const result = this.execute(this.newFrame(run, fn, args, true));
    const target = run.pendingTailCall;
    if (target === null) return result;
    // An inlined body's caller is mid-expression: unwind it too, skipping the rest.
    if (fn.symbol.inline) throw UNWIND_FOR_TAIL_CALL;
    run.pendingTailCall = null;
    return this.runChain(run, target, run.context);
  }

  /** A packet's chain set up to run one statement at a time (the interleaved schedule). */
  startChain(run: PacketRun, first: string): ChainCursor {
    const cursor: ChainCursor = { run, frame: null, pc: 0, result: 0, done: false };
    this.enterProgram(cursor, first);
    return cursor;
  }

  private enterProgram(cursor: ChainCursor, name: string): void {
    const fn = this.programNamed(name);
    const run = cursor.run;
    if (cursor.frame) run.frames.pop();
    run.programs.push(name);
    cursor.frame = this.newFrame(run, fn, [run.context.origin], false);
    run.frames.push(cursor.frame);
    cursor.pc = 0;
  }

  /**
   * Runs the cursor's next statement of the running program (with the bookkeeping jumps before
   * it); a tail call moves the cursor to the next program. A bpf2bpf call inside the statement
   * runs to its return within the step. Throws a RuntimeFault as `execute` does.
   */
  step(cursor: ChainCursor): void {
    const frame = cursor.frame;
    if (!frame || cursor.done) return;
    const run = cursor.run;
    const next = this.runFrom(frame, cursor.pc, true);
    if (next === TAIL_CALLED) {
      const target = run.pendingTailCall as string;
      run.pendingTailCall = null;
      this.enterProgram(cursor, target);
    } else if (next === RETURN) {
      cursor.result = frame.result;
      cursor.done = true;
      run.frames.pop();
    } else cursor.pc = next;
  }

  /**
   * A loaded program by name. Every packet looks up each program of its chain: the names are
   * interned (loader/interned.ts), so scanning a short list compares pointers, which costs a
   * fraction of a `Map` lookup's hashing; a long list takes the map.
   */
  private programNamed(name: string): CompiledFunction {
    const names = this.programNames;
    if (names.length <= SCANNED_PROGRAMS)
      for (let i = 0; i < names.length; i++) if (names[i] === name) return this.programList[i];
    const fn = this.programs.get(name);
    if (!fn) throw new Error(`a prog array slot named '${name}', which is not a loaded program`);
    return fn;
  }

  private readonly chainArguments: Value[] = [null];

  /** Runs a program and the tail calls it makes, from `first`, returning the last program's value. */
  runChain(run: PacketRun, first: string, context: Region): Value {
    let name = first;
    // Every program of the chain gets the same context. One list serves every chain: a frame
    // reads its arguments when made, and a chain nested in a subprogram's tail call passes the
    // same packet's context.
    const args = this.chainArguments;
    args[0] = context.origin;
    for (;;) {
      const fn = this.programNamed(name);
      run.programs.push(name);
      const result = this.execute(this.newFrame(run, fn, args, true));
      const target = run.pendingTailCall;
      if (target === null) return result;
      run.pendingTailCall = null;
      name = target;
    }
  }
}

/**
 * A fault or a pause passes through as it is; anything else thrown while running a statement is
 * a bug in Tailscope, reported as a fault at the statement rather than crashing the run.
 */
function asFault(error: unknown, span: Span): unknown {
  if (error instanceof RuntimeFault || error instanceof ObserverStop) return error;
  return new RuntimeFault(`internal error in Tailscope's interpreter: ${String(error)}`, span);
}
