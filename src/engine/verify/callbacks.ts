import type { Expr } from "../syntax/ast";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";
import { anyScalar, type Scalar } from "./abstract-values";
import type { Problem } from "./computed-offsets";

/** Helpers that take a callback, by id: the callback's argument (ARG_PTR_TO_FUNC). */
const callbackArguments: ReadonlyMap<number, number> = new Map([
  [164, 1], // bpf_for_each_map_elem(map, callback, ctx, flags)
  [181, 1], // bpf_loop(nr_loops, callback, ctx, flags)
]);

/** The function a helper call passes as its callback (`cb` or `&cb`), if it takes one. */
export function callbackArgument(
  program: TypedProgram,
  helper: number,
  args: readonly Expr[],
): FunctionSymbol | null {
  const at = callbackArguments.get(helper);
  if (at === undefined) return null;
  let arg = args[at];
  while (arg && (arg.kind === "cast" || (arg.kind === "unary" && arg.op === "&"))) arg = arg.operand;
  if (arg?.kind !== "ident") return null;
  const symbol = program.references[arg.id];
  return symbol?.kind === "function" ? symbol : null;
}

/**
 * A callback's return value against [0, 1] (prepare_func_exit for a callback frame: 0 goes on,
 * 1 stops), in the kernel's words, or null when it fits.
 */
export function callbackReturnProblem(value: Scalar): Problem | null {
  if (value.min >= 0n && value.max <= 1n) return null;
  const bounds =
    value.min === value.max
      ? `smin=${value.min} smax=${value.max}`
      : value.min === anyScalar.min && value.max === anyScalar.max
        ? "unknown scalar value"
        : `smin=${value.min} smax=${value.max}`;
  return {
    message: `At callback return the register R0 has ${bounds} should have been in [0, 1]`,
    explanation:
      "A callback of bpf_loop or bpf_for_each_map_elem returns 0 to go on or 1 to stop, nothing else.",
  };
}
