import type { CallExpr, Expr, ReturnStmt } from "../../syntax/ast";
import { selfCallLoops } from "../../verify/call-frames";
import { type Frame, type PendingReturn, RETURN } from "../machine-state";
import type { Value } from "../values";
import type { Eval, FunctionGenerator } from "./function-generator";

/** A `return` whose self call clang makes a loop, and the other operand of its operator, if any. */
interface LoopedReturn {
  readonly call: CallExpr;
  readonly other: Expr | null;
}

function loops(c: FunctionGenerator): ReadonlyMap<CallExpr, Expr | null> {
  return selfCallLoops(c.env.program, c.symbol);
}

/** Whether some looped self call of the function leaves an operator to apply at its return. */
export function accumulates(c: FunctionGenerator): boolean {
  for (const other of loops(c).values()) if (other !== null) return true;
  return false;
}

/** The looped self call a return's value makes, if it makes one. */
export function loopedReturn(c: FunctionGenerator, value: Expr): LoopedReturn | null {
  const found = loops(c);
  if (value.kind === "call" && found.has(value)) return { call: value, other: null };
  if (value.kind !== "binary") return null;
  for (const side of [value.left, value.right])
    if (side.kind === "call" && found.has(side)) return { call: side, other: found.get(side) ?? null };
  return null;
}

/**
 * `return f(args);` or `return f(args) + x;` in `f`, run as clang compiles it: the arguments and
 * `x` computed, then a jump back to the function's start with the new arguments, and `+ x` kept
 * for the return. The kernel runs it so, in one frame, as deep as the values take it; as nested
 * calls, a few thousand would exhaust JavaScript's own stack.
 */
export function generateLoopedReturn(c: FunctionGenerator, stmt: ReturnStmt, looped: LoopedReturn): void {
  const params = c.symbol.type.params;
  const args = looped.call.args.map((arg, i) =>
    i < params.length ? c.converted(arg, params[i]) : c.rvalue(arg),
  );
  const other = looped.other ? c.rvalue(looped.other) : null;
  const combine = looped.other && stmt.value ? combiner(c, stmt.value, looped.call, looped.other) : null;
  c.emit((f) => {
    const saved = other ? other(f) : 0;
    const values = args.map((arg) => arg(f));
    if (combine) (f.pending ??= []).push({ combine, other: saved });
    f.run.machine.reenter(f, values);
    return 0;
  }, stmt.span);
}

/** The return's whole value from the call's result and the other operand's saved value. */
function combiner(c: FunctionGenerator, value: Expr, call: CallExpr, other: Expr): PendingReturn["combine"] {
  // The operator only adds, multiplies or masks (no fault, no call), so one cell per site is
  // enough: nothing runs between filling it and reading it.
  const cell: { result: Value; other: Value } = { result: 0, other: 0 };
  c.holes.set(call, () => cell.result);
  c.holes.set(other, () => cell.other);
  const whole: Eval = c.converted(value, c.symbol.type.returns);
  c.holes.delete(call);
  c.holes.delete(other);
  return (result, saved, frame) => {
    cell.result = result;
    cell.other = saved;
    return whole(frame);
  };
}

/** A return in a function with pending operators: its value, then each operator, innermost first. */
export function unwindingReturn(value: Eval | null): (f: Frame) => number {
  return (f) => {
    let result = value ? value(f) : 0;
    const pending = f.pending;
    if (pending !== null)
      for (let next = pending.pop(); next !== undefined; next = pending.pop())
        result = next.combine(result, next.other, f);
    f.result = result;
    return RETURN;
  };
}
