import { MAX_BPF_STACK } from "../target/kernel";
import { storePointer } from "./access";
import type { CompiledFunction, Frame, PacketRun } from "./machine-state";
import { forgetAllPointers, type Region, region } from "./memory";
import type { Value } from "./values";

/**
 * Frames and their stacks, reused. On one CPU, frames at one call depth never overlap in time (a
 * CPU runs one packet at a time, even when CPUs interleave), so each CPU and depth reuses one
 * stack, cleared for the next function (a fresh stack per frame costs an allocation per call).
 * A run that keeps state (the trace's checkpoints) copies the bytes it needs.
 */
export class FramePool {
  private readonly stacks: Region[][] = [];
  /** Per CPU and depth: how many bytes the last frame there could have written. */
  private readonly stacksUsed: number[][] = [];
  private readonly frames: Frame[][] = [];

  /**
   * A frame for `fn` at the run's next depth, its stack cleared and the arguments stored. An
   * observed run gets a new frame object each time (a trace hands frames to views); otherwise
   * nothing keeps a frame once it returns, and the CPU and depth's one is refilled.
   */
  frame(run: PacketRun, fn: CompiledFunction, args: readonly Value[], observed: boolean): Frame {
    const depth = run.frames.length;
    const stack = this.stackFor(run.cpu, depth, fn);
    const frame = observed
      ? { fn, stack, run, result: 0, span: null, pending: null, statementStep: 0 }
      : this.reusedFrame(run, fn, stack, depth);
    storeArguments(frame, args);
    return frame;
  }

  /** After stacks got old bytes back (a restore): the next frame at each depth clears its whole stack. */
  forgetStackUse(): void {
    for (const used of this.stacksUsed) if (used) used.fill(MAX_BPF_STACK * 8);
  }

  private stackFor(cpu: number, depth: number, fn: CompiledFunction): Region {
    const size = Math.max(MAX_BPF_STACK, fn.frameSize);
    const stacks = (this.stacks[cpu] ??= []);
    const used = (this.stacksUsed[cpu] ??= []);
    let stack = stacks[depth];
    if (!stack || stack.size < size) {
      stack = region("stack", `stack of ${fn.symbol.name}`, new Uint8Array(size));
      stacks[depth] = stack;
    } else {
      // Only the bytes earlier frames' locals took can be dirty: clearing those is enough to
      // start every frame from zeros, and much cheaper than 512 bytes per call.
      zeroPrefix(stack, Math.min(stack.size, used[depth] ?? stack.size));
      forgetAllPointers(stack);
    }
    used[depth] = Math.max(1, fn.frameSize);
    return stack;
  }

  /** The frame object of this CPU and depth, refilled. */
  private reusedFrame(run: PacketRun, fn: CompiledFunction, stack: Region, depth: number): Frame {
    const frames = (this.frames[run.cpu] ??= []);
    const frame = frames[depth];
    if (frame === undefined) {
      const made: Frame = { fn, stack, run, result: 0, span: null, pending: null, statementStep: 0 };
      frames[depth] = made;
      return made;
    }
    const refilled = frame as { -readonly [K in keyof Frame]: Frame[K] };
    refilled.fn = fn;
    refilled.stack = stack;
    refilled.run = run;
    refilled.result = 0;
    refilled.span = null;
    refilled.pending = null;
    refilled.statementStep = 0;
    return frame;
  }
}

/** A frame started over with new arguments, its locals cleared as a new frame's are. */
export function restartFrame(frame: Frame, args: readonly Value[]): void {
  zeroPrefix(frame.stack, Math.min(frame.stack.size, Math.max(1, frame.fn.frameSize)));
  forgetAllPointers(frame.stack);
  storeArguments(frame, args);
}

/** The arguments of a call, stored in the frame's parameters. */
function storeArguments(frame: Frame, args: readonly Value[]): void {
  const { parameters } = frame.fn;
  for (let i = 0; i < parameters.length; i++) {
    const param = parameters[i];
    const value = args[i] ?? 0;
    if (param.pointer) {
      storePointer(frame.stack, param.offset, value);
      continue;
    }
    if (param.wide)
      frame.stack.view.setBigUint64(param.offset, BigInt.asUintN(64, BigInt(value as number | bigint)), true);
    else if (param.size === 1) frame.stack.view.setUint8(param.offset, Number(value) & 0xff);
    else if (param.size === 2) frame.stack.view.setUint16(param.offset, Number(value) & 0xffff, true);
    else frame.stack.view.setUint32(param.offset, Number(value) >>> 0, true);
  }
}

/**
 * Zeroes a region's first `length` bytes: four at a time for the few bytes most frames use (fill
 * is a call into V8, three per seed packet), fill for the rest.
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
