import type { Expr } from "../syntax/ast";
import { isInteger } from "../types/ctypes";
import type { VariableSymbol } from "../types/symbols";
import { isZero, type PacketPointer, type Scalar } from "./abstract-values";
import { CallAnalyzer } from "./call-analysis";
import { type Environment, joinEnvironments } from "./environment";
import { mirror, negate, refine } from "./scalars";

/** The furthest offset into a packet the verifier tracks (MAX_PACKET_OFF). */
const MAX_PACKET_OFF = 0xffffn;

/**
 * Branches, as the kernel's verifier takes them: each side of a test gets the state the test
 * proves there (a NULL check, a `data_end` check, a bound on a local).
 */
export abstract class BranchAnalyzer extends CallAnalyzer {
  /** The states in which `test` is true and false; null where a path cannot happen. */
  protected branch(test: Expr, env: Environment): [Environment | null, Environment | null] {
    if (test.kind === "unary" && test.op === "!") {
      const [t, f] = this.branch(test.operand, env);
      return [f, t];
    }
    if (test.kind === "binary" && (test.op === "&&" || test.op === "||")) {
      const [leftTrue, leftFalse] = this.branch(test.left, env);
      if (test.op === "&&") {
        const [bothTrue, rightFalse] = leftTrue ? this.branch(test.right, leftTrue) : [null, null];
        return [bothTrue, joinEnvironments(leftFalse, rightFalse)];
      }
      const [rightTrue, bothFalse] = leftFalse ? this.branch(test.right, leftFalse) : [null, null];
      return [joinEnvironments(leftTrue, rightTrue), bothFalse];
    }
    if (test.kind === "cast") return this.branch(test.operand, env);
    if (test.kind === "binary" && ["==", "!=", "<", "<=", ">", ">="].includes(test.op)) {
      const refined = this.compare(test.op, test.left, test.right, env);
      if (refined) return refined;
    }
    const value = this.eval(test, env);
    return this.truth(test, value, env);
  }

  /** `a OP b`: packet bounds, NULL comparisons and scalar bounds narrowed on each side. */
  private compare(
    op: string,
    leftExpr: Expr,
    rightExpr: Expr,
    env: Environment,
  ): [Environment | null, Environment | null] | null {
    const left = this.eval(leftExpr, env);
    const right = this.eval(rightExpr, env);
    if (left.kind === "packet" && !left.meta && right.kind === "packet_end")
      return this.packetCheck(op, left, env);
    if (left.kind === "packet_end" && right.kind === "packet" && !right.meta)
      return this.packetCheck(mirror(op), right, env);
    // Metadata is bounded by data, as the packet by data_end.
    if (left.kind === "packet" && left.meta && right.kind === "packet" && !right.meta)
      return this.packetCheck(op, left, env);
    if (left.kind === "packet" && !left.meta && right.kind === "packet" && right.meta)
      return this.packetCheck(mirror(op), right, env);
    if ((op === "==" || op === "!=") && (isZero(right) || isZero(left))) {
      const [pointerExpr, pointer] = isZero(right) ? [leftExpr, left] : [rightExpr, right];
      const [nonZero, zero] = this.truth(pointerExpr, pointer, env);
      return op === "!=" ? [nonZero, zero] : [zero, nonZero];
    }
    if (left.kind === "scalar" && right.kind === "scalar") {
      const constantRight = right.min === right.max ? right.min : null;
      const constantLeft = left.min === left.max ? left.min : null;
      const [symbol, value, bound, relation] =
        constantRight !== null
          ? [this.localOf(leftExpr), left, constantRight, op]
          : constantLeft !== null
            ? [this.localOf(rightExpr), right, constantLeft, mirror(op)]
            : [null, left, 0n, op];
      if (symbol && value.kind === "scalar" && this.isSignedCompare(leftExpr, rightExpr)) {
        return [
          this.narrow(env, symbol, value, relation, bound),
          this.narrow(env, symbol, value, negate(relation), bound),
        ];
      }
    }
    return null;
  }

  /** Only a signed comparison narrows signed bounds soundly; unsigned ones narrow non-negative values. */
  private isSignedCompare(left: Expr, right: Expr): boolean {
    const types = [left, right].map((e) => this.input.program.exprTypes[e.id]);
    return types.every((t) => t !== undefined && isInteger(t));
  }

  private narrow(env: Environment, symbol: VariableSymbol, value: Scalar, op: string, bound: bigint) {
    const narrowed = refine(value, op, bound);
    if (!narrowed) return null;
    const next = env.clone();
    next.set(symbol, narrowed);
    return next;
  }

  /**
   * `data + N > data_end`: on the path where it is false, N bytes from `data` are readable, and
   * from every pointer of the same id. A pointer whose computed offset may pass 0xffff proves
   * nothing (find_good_pkt_pointers, MAX_PACKET_OFF).
   */
  private packetCheck(
    op: string,
    pointer: PacketPointer,
    env: Environment,
  ): [Environment | null, Environment | null] {
    const safe = env.clone();
    if ((pointer.variable?.max ?? 0n) + BigInt(pointer.off) <= MAX_PACKET_OFF)
      safe.prove(pointer.id, pointer.off);
    const unsafe = env.clone();
    // `p > end` and `p >= end` are true when p is past the end; `p <= end` and `p < end` when it is not.
    if (op === ">" || op === ">=") return [unsafe, safe];
    if (op === "<=" || op === "<") return [safe, unsafe];
    return [env.clone(), env.clone()];
  }
}
