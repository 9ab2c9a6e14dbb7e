import { MAX_BPF_STACK } from "../target/kernel";
import { storePointer } from "./access";
import type { CompiledFunction, Frame, PacketRun } from "./machine-state";
import { type Region, region } from "./memory";
import type { Value } from "./values";

/** One CPU and call depth's stack, and its frame object when nothing observes the run. */
interface FrameSlot {
  stack: Region;
  /** The stack's bytes eight at a time (its buffer is a multiple of 8 long), to clear them. */
  words: Float64Array;
  /** How many bytes of the stack the last frame here could have written. */
  used: number;
  frame: Frame | null;
}

/**
 * Frames and their stacks, reused. On one CPU, frames at one call depth never overlap in time (a
 * CPU runs one packet at a time, even when CPUs interleave), so each CPU and depth reuses one
 * stack, cleared for the next function (a fresh stack per frame costs an allocation per call).
 * A run that keeps state (the trace's checkpoints) copies the bytes it needs.
 */
export class FramePool {
  /** By CPU, then depth. */
  private readonly slots: FrameSlot[][] = [];

  /**
   * A frame for `fn` at the run's next depth, its stack cleared and the arguments stored. An
   * observed run gets a new frame object each time (a trace hands frames to views); otherwise
   * nothing keeps a frame once it returns, and the CPU and depth's one is refilled. A frame a
   * whole function runs stores only the arguments it does not read from `args`.
   */
  frame(
    run: PacketRun,
    fn: CompiledFunction,
    args: readonly Value[],
    observed: boolean,
    whole: boolean,
  ): Frame {
    const slot = this.slotFor(run.cpu, run.frames.length, fn);
    const stack = slot.stack;
    // Only the bytes earlier frames' locals took can be dirty: clearing those is enough to
    // start every frame from zeros, and much cheaper than 512 bytes per call.
    if (slot.used > 0) clearUsed(slot);
    if (stack.pointers.size > 0) stack.pointers.clear();
    slot.used = Math.max(1, fn.frameSize);
    const frame =
      observed || slot.frame === null ? newFrame(fn, stack, run, args) : refill(slot.frame, fn, run, args);
    if (!observed) slot.frame = frame;
    if (whole) fn.wholeArguments(stack, args);
    else fn.storeArguments(stack, args);
    return frame;
  }

  /** After stacks got old bytes back (a restore): the next frame at each depth clears its whole stack. */
  forgetStackUse(): void {
    for (const perCpu of this.slots) for (const slot of perCpu ?? []) if (slot) slot.used = slot.stack.size;
  }

  private slotFor(cpu: number, depth: number, fn: CompiledFunction): FrameSlot {
    const perCpu = this.slots[cpu];
    const slot = perCpu === undefined ? undefined : perCpu[depth];
    if (slot !== undefined && slot.stack.size >= fn.frameSize) return slot;
    const size = Math.max(MAX_BPF_STACK, fn.frameSize);
    const bytes = new Uint8Array(Math.ceil(size / 8) * 8);
    const stack = region("stack", `stack of ${fn.symbol.name}`, bytes, 0, size);
    const made: FrameSlot = { stack, words: new Float64Array(bytes.buffer), used: 0, frame: null };
    (this.slots[cpu] ??= [])[depth] = made;
    return made;
  }
}

function newFrame(fn: CompiledFunction, stack: Region, run: PacketRun, args: readonly Value[]): Frame {
  return { fn, stack, run, args, result: 0, span: null, pending: null, statementStep: 0 };
}

function refill(frame: Frame, fn: CompiledFunction, run: PacketRun, args: readonly Value[]): Frame {
  const refilled = frame as { -readonly [K in keyof Frame]: Frame[K] };
  refilled.fn = fn;
  refilled.run = run;
  refilled.args = args;
  refilled.result = 0;
  refilled.span = null;
  refilled.pending = null;
  refilled.statementStep = 0;
  return frame;
}

/** A frame started over with new arguments, its locals cleared as a new frame's are. */
export function restartFrame(frame: Frame, args: readonly Value[]): void {
  zeroPrefix(frame.stack, Math.min(frame.stack.size, Math.max(1, frame.fn.frameSize)));
  if (frame.stack.pointers.size > 0) frame.stack.pointers.clear();
  frame.fn.storeArguments(frame.stack, args);
}

/** Where one parameter lives in its function's stack, and how it is stored. */
export interface ParameterSlot {
  readonly offset: number;
  readonly size: number;
  readonly wide: boolean;
  readonly pointer: boolean;
}

/** Stores a call's arguments in the parameters' stack slots. */
export type ArgumentStore = (stack: Region, args: readonly Value[]) => void;

/**
 * The argument store of a function with these parameters, made once when it is compiled: a
 * call then runs one closure per parameter, with nothing about the parameter decided again.
 */
export function argumentStore(parameters: readonly (ParameterSlot | null)[]): ArgumentStore {
  // A null parameter is not stored (a whole function holds it in a variable); the others keep
  // their place in the argument list.
  const stores = parameters.flatMap((param, i) => (param === null ? [] : [parameterStore(param, i)]));
  if (stores.length === 0) return () => {};
  if (stores.length === 1) return stores[0];
  return (stack, args) => {
    for (const store of stores) store(stack, args);
  };
}

function parameterStore({ offset, size, wide, pointer }: ParameterSlot, i: number): ArgumentStore {
  if (pointer) return (stack, args) => storePointer(stack, offset, args[i] ?? 0);
  if (wide)
    return (stack, args) =>
      stack.view.setBigUint64(offset, BigInt.asUintN(64, BigInt((args[i] ?? 0) as number | bigint)), true);
  if (size === 1) return (stack, args) => stack.view.setUint8(offset, Number(args[i] ?? 0) & 0xff);
  if (size === 2) return (stack, args) => stack.view.setUint16(offset, Number(args[i] ?? 0) & 0xffff, true);
  return (stack, args) => stack.view.setUint32(offset, Number(args[i] ?? 0) >>> 0, true);
}

/**
 * Zeroes the bytes the slot's last frame could have written: eight at a time for the few most
 * frames use (a typed array store costs a fraction of a DataView's, and `fill` is a call into
 * V8), `fill` for more.
 */
function clearUsed(slot: FrameSlot): void {
  const words = Math.ceil(slot.used / 8);
  if (words > 8) {
    slot.stack.bytes.fill(0, 0, slot.used);
    return;
  }
  const stack = slot.words;
  for (let i = 0; i < words; i++) stack[i] = 0;
}

/**
 * Zeroes a region's first `length` bytes, for a frame started over (a self call clang made a
 * loop), which has no slot at hand: four at a time for the few bytes most frames use (fill is a
 * call into V8), fill for the rest.
 */
function zeroPrefix(region: Region, length: number): void {
  const start = region.start;
  if (length > 64) {
    region.bytes.fill(0, start, start + length);
    return;
  }
  let i = 0;
  for (; i + 4 <= length; i += 4) region.view.setUint32(start + i, 0);
  for (; i < length; i++) region.bytes[start + i] = 0;
}
