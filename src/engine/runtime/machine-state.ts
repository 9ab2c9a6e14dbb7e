import type { Span } from "../source/source-file";
import type { FunctionSymbol, VariableSymbol } from "../types/symbols";
import type { WholeFunction } from "./codegen/whole-function";
import type { ArgumentStore, ParameterSlot } from "./frame-pool";
import type { MapImpl } from "./maps/map";
import type { Pointer, Region } from "./memory";
import type { TailCallRecord } from "./report";
import type { ReportInterner } from "./report-interner";
import type { TailCallBudget } from "./tail-call";
import type { MapHandle, Value } from "./values";

/** One statement or control step of a compiled function: runs, then says where to go next. */
export type Instruction = (frame: Frame) => number;

/** Instruction results that are not the next pc. */
export const RETURN = -1;
/** Not an instruction's result: a frame ended by a tail call (the run's `pendingTailCall` names the program). */
export const TAIL_CALLED = -2;

export interface CompiledFunction {
  readonly symbol: FunctionSymbol;
  readonly instructions: Instruction[];
  /** The source statement each instruction runs, for faults and the trace; null for bookkeeping jumps. */
  readonly spans: (Span | null)[];
  /** Bytes of stack the function's locals take (the kernel allows 512 per program). */
  readonly frameSize: number;
  /** Every local and parameter with a stack slot, for the inspector. */
  readonly locals: readonly { readonly symbol: VariableSymbol; readonly offset: number }[];
  /** Where each parameter lives in the frame's stack. */
  readonly parameters: readonly ParameterSlot[];
  /** Stores a call's arguments in those slots (see argumentStore). */
  readonly storeArguments: ArgumentStore;
  /** The same for a frame its whole function runs: the parameters it holds in variables are left out. */
  readonly wholeArguments: ArgumentStore;
  /** The instructions as one function, for runs nothing observes (see wholeFunction); or null. */
  readonly whole: WholeFunction | null;
}

/** A function activation: its own stack, as each BPF frame has. */
export interface Frame {
  readonly fn: CompiledFunction;
  readonly stack: Region;
  readonly run: PacketRun;
  /**
   * The arguments the frame was made with, which a whole function reads its promoted parameters
   * from when it starts (a list may be refilled for the next call after that).
   */
  readonly args: readonly Value[];
  result: Value;
  /** The statement this frame runs now (a caller's: the call), for views of a paused machine. */
  span: Span | null;
  /**
   * Operators still to apply to the result, innermost last: a self call clang made a loop
   * (`return f(n - 1) + x;`) runs as a jump back to the start, as it does in the kernel, leaving
   * `+ x` to be applied when the function returns. Null until such a call.
   */
  pending: PendingReturn[] | null;
  /**
   * The step of the statement this frame runs now, kept by a recording trace (0 otherwise): a
   * store made after a call returns belongs to the caller's statement, not the callee's last.
   */
  statementStep: number;
}

/** An accumulating operator of a looped self call, and the other operand's value when it looped. */
export interface PendingReturn {
  /** The return's value from the call's result and the saved operand, converted to the return type. */
  readonly combine: (result: Value, other: Value, frame: Frame) => Value;
  readonly other: Value;
}

/** Observes execution without changing it (the trace recorder; a report-only run passes none). */
export interface ExecutionObserver {
  statement?(run: PacketRun, frame: Frame, span: Span): void;
  printk?(run: PacketRun, message: string): void;
  tailCall?(run: PacketRun, record: TailCallRecord): void;
  /** A program changed bytes of a map value (a store through a pointer, or a helper's update). */
  mapWrite?(run: PacketRun, write: MapWrite): void;
  /** A program read a map: a lookup (the whole value, or a miss) or a load through its pointer. */
  mapRead?(run: PacketRun, read: MapRead): void;
  /** A program loaded bytes of the packet (at an offset from its first byte). */
  packetRead?(run: PacketRun, offset: number, size: number): void;
  /** A program stored into a global variable (a write through a pointer or by name). */
  globalWrite?(run: PacketRun, global: string, offset: number, size: number): void;
  /** A program loaded bytes of a global variable. */
  globalRead?(run: PacketRun, global: string, offset: number, size: number): void;
}

/**
 * Bytes read from a map: by `bpf_map_lookup_elem` (the whole value; none when the key is
 * absent) or by a load through the pointer it returned (`offset` and the bytes read).
 */
export interface MapRead<Bytes = Uint8Array> {
  readonly map: string;
  /** The key's bytes in hex. */
  readonly key: string;
  readonly cpu: number | null;
  readonly via: "lookup" | "load";
  readonly offset: number;
  /** A view of the bytes read, valid only during the call (copy what you keep). */
  readonly bytes: Bytes;
}

/** Bytes of one map value before and after a write (hex, the whole value), and which bytes were stored. */
export interface MapWrite {
  readonly map: string;
  readonly key: string;
  readonly cpu: number | null;
  /** The bytes the store wrote: `[offset, offset + size)` of the value (a helper's update: all). */
  readonly offset: number;
  readonly size: number;
  readonly before: string;
  readonly after: string;
}

/** A bpf_spin_lock a packet holds: named by its map value, which a time-travel restore remakes. */
export interface HeldLock {
  readonly map: string;
  readonly key: string;
  readonly cpu: number | null;
  readonly offset: number;
}

/** Everything about one packet's run on one CPU: the chain of programs and what it did. */
export interface PacketRun {
  readonly index: number;
  readonly cpu: number;
  readonly machine: MachineState;
  readonly context: Region;
  /** Context fields that hold packet pointers (`data`, `data_end`), by offset. */
  readonly contextPointers: ReadonlyMap<number, Pointer>;
  /** The frame the test run was given, and how many of its bytes come before skb->data. */
  readonly frame: Uint8Array;
  readonly dataStart: number;
  readonly budget: TailCallBudget;
  /** A tail call made by a whole statement, taken when the statement ends (no exception needed). */
  pendingTailCall: string | null;
  steps: number;
  readonly frames: Frame[];
  readonly programs: string[];
  readonly printk: string[];
  readonly tailCalls: TailCallRecord[];
  /**
   * The bpf_spin_locks the packet holds, by the map value they are in (its map, key and copy)
   * and the lock's offset there; released when the packet ends.
   */
  readonly heldLocks: HeldLock[];
}

/** The machine's shared state: maps, globals, programs, the virtual clock and random source. */
export interface MachineState {
  readonly cpus: number;
  readonly maps: ReadonlyMap<string, MapImpl>;
  /** The maps that send records to user space (ring buffers, perf event arrays), by name. */
  readonly outputMaps: readonly (readonly [string, MapImpl])[];
  readonly mapHandles: ReadonlyMap<VariableSymbol, MapHandle>;
  readonly globals: ReadonlyMap<VariableSymbol, Region>;
  readonly functions: ReadonlyMap<FunctionSymbol, CompiledFunction>;
  readonly programs: ReadonlyMap<string, CompiledFunction>;
  /** Nanoseconds of virtual time; every statement advances it. */
  clock: number;
  nextRandom(): number;
  addressOf(pointer: Pointer): bigint;
  /** Bytes at a numeric address (a pointer printed with %s, say), or null where nothing is mapped. */
  readAt(address: bigint, length: number): Uint8Array | null;
  /** `readAt` as a function, made once (printk takes one). */
  readonly memoryReader: (address: bigint, length: number) => Uint8Array | null;
  readonly observer: ExecutionObserver | null;
  /** Shares equal report parts between packets. */
  readonly reports: ReportInterner;
  /** Runs a function to completion (subprogram calls, statement expressions). */
  call(run: PacketRun, fn: CompiledFunction, args: readonly Value[]): Value;
  /** A function of the program, compiled (on first use): what a helper's callback runs. */
  compiled(symbol: FunctionSymbol): CompiledFunction;
  /**
   * The callback helper whose callback runs now (`bpf_loop`, `bpf_for_each_map_elem` …), or null:
   * the kernel bounds such a helper's calls itself, which a fault at Tailscope's limit says.
   */
  callbackHelper: string | null;
  /** Starts a frame over with new arguments (a self call clang made a loop). */
  reenter(frame: Frame, args: readonly Value[]): void;
}
