import type { Figure } from "./measure";

/**
 * A fixed reference workload (floating-point over a 512 KB array, then short-lived objects),
 * timed before and after the other figures. This machine's speed drifts by up to 1.8× within
 * an hour (the same build measured 2.6 s and 4.7 s for the runtime target), and the workload
 * moves with it: read every other figure against it. About 110 ms on a fast stretch, 180 on a
 * slow one.
 */
export function benchMachine(when: "before" | "after"): Figure {
  const start = performance.now();
  const values = new Float64Array(1 << 16);
  let large = 0;
  for (let round = 0; round < 400; round++) {
    for (let i = 0; i < values.length; i++) {
      values[i] = values[i] * 1.0000001 + (i ^ round);
      if (values[i] > 1e9) large++;
    }
  }
  let kept: { i: number; twice: number }[] = [];
  for (let i = 0; i < 3_000_000; i++) {
    kept.push({ i, twice: i * 2 });
    if (kept.length > 1000) kept = [];
  }
  const ms = performance.now() - start;
  // Uses the results, so no part of the work can be optimised away.
  if (large < 0 || kept.length < 0) throw new Error("unreachable");
  return { name: `machine: reference workload, ${when} the figures`, value: ms, unit: "ms" };
}
