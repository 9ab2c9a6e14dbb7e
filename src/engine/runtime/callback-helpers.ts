import type { Span } from "../source/source-file";
import { E2BIG, EINVAL } from "../target/errno";
import { MAX_NESTED_CALLS } from "./limits";
import type { Frame } from "./machine-state";
import { region } from "./memory";
import type { ArgumentReaders } from "./packet-helpers";
import { mapArgument, RuntimeFault, representation, type Value } from "./values";

/** bpf_loop's limit on its iterations (kernel/bpf/bpf_iter.c BPF_MAX_LOOPS). */
export const BPF_MAX_LOOPS = 1 << 23;

/**
 * Calls the program's callback function with `args`, as a bpf2bpf call: its statements are
 * stepped and traced like any call's. Each argument is converted to what the parameter holds
 * (a u32 index takes the low half of the kernel's u64).
 */
function callBack(frame: Frame, callback: Value, args: readonly Value[], helper: string, span: Span): Value {
  const symbol =
    typeof callback === "object" && callback !== null && "kind" in callback && callback.kind === "function"
      ? callback.symbol
      : null;
  if (!symbol?.definition)
    throw new RuntimeFault(`${helper}: the callback is not a function of the program`, span);
  const run = frame.run;
  if (run.frames.length >= MAX_NESTED_CALLS)
    throw new RuntimeFault(`${helper}'s callback is called ${MAX_NESTED_CALLS} calls deep`, span);
  const params = symbol.type.params;
  const converted = args.map((arg, i) => {
    const type = params[i];
    if (!type || typeof arg !== "bigint") return arg;
    return representation(type) === "small" ? Number(BigInt.asUintN(32, arg)) : arg;
  });
  const machine = run.machine;
  const outer = machine.callbackHelper;
  machine.callbackHelper = helper;
  try {
    return machine.call(run, machine.compiled(symbol), converted);
  } finally {
    machine.callbackHelper = outer;
  }
}

function stops(result: Value): boolean {
  return typeof result === "bigint" ? result !== 0n : result !== 0;
}

/**
 * `bpf_loop(nr_loops, callback, ctx, flags)`: calls `callback(i, ctx)` for i from 0 until it
 * returns 1 or nr_loops calls have run; returns the calls made. -EINVAL for any flag, -E2BIG
 * past BPF_MAX_LOOPS, as kernel/bpf/bpf_iter.c does.
 */
export function bpfLoop(
  read: ArgumentReaders,
  frame: Frame,
  [count, callback, ctx, flags]: readonly Value[],
  span: Span,
  inlined = false,
) {
  if (read.toBig(flags, frame) !== 0n) return -EINVAL;
  const loops = read.toBig(count, frame) & 0xffff_ffffn;
  // The verifier inlines a call whose flags are a constant 0 (inline_bpf_loop), which sets
  // -E2BIG with a 32-bit move: the program sees 4294967289 [E] 6.18 (helpers-bpf-loop).
  if (loops > BigInt(BPF_MAX_LOOPS)) return inlined ? 2 ** 32 - E2BIG : -E2BIG;
  for (let i = 0n; i < loops; i++)
    if (stops(callBack(frame, callback, [i, ctx], "bpf_loop", span))) return Number(i + 1n);
  return Number(loops);
}

/**
 * `bpf_for_each_map_elem(map, callback, ctx, flags)`: calls `callback(map, &key, &value, ctx)`
 * for each element (an array's every index; a per-CPU map's value on this CPU) until it returns
 * 1; returns the elements visited. The key is read-only, the value the element itself.
 */
export function forEachMapElement(
  read: ArgumentReaders,
  frame: Frame,
  [map, callback, ctx, flags]: readonly Value[],
  span: Span,
) {
  if (read.toBig(flags, frame) !== 0n) return -EINVAL;
  const handle = mapArgument(map, "bpf_for_each_map_elem", span);
  if (!handle.map.elementsOn) throw new RuntimeFault("bpf_for_each_map_elem: the map cannot be walked", span);
  let visited = 0;
  for (const { key, value } of handle.map.elementsOn(frame.run.cpu)) {
    visited++;
    const keyRegion = region("map-value", `${handle.name} key`, key.slice(), 0, key.length, false);
    const result = callBack(
      frame,
      callback,
      [map, keyRegion.origin, value.origin, ctx],
      "bpf_for_each_map_elem",
      span,
    );
    if (stops(result)) break;
  }
  return visited;
}
