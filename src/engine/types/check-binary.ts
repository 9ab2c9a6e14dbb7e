// Binary operators: operand types, the usual arithmetic conversions, pointer arithmetic, and
// the warnings and BPF-target refusals clang gives for them (shift counts, division by zero,
// signed division).
import type { BinaryExpr, Stmt } from "../syntax/ast";
import type { CheckContext, FunctionContext } from "./check-context";
import { integerConstant } from "./constant";
import {
  type CType,
  integerOf,
  intType,
  isArithmetic,
  isComplete,
  isInteger,
  isScalar,
  longType,
  promote,
  sameType,
  sizeOf,
  unqualified,
  usualArithmetic,
} from "./ctypes";
import { quoteType } from "./format";
import { SignKnowledge } from "./known-sign";

const errorType: CType = intType;

/** Checks an expression, records its type by node id and returns it (before decay). */

export function binaryType(c: CheckContext, expr: BinaryExpr): CType {
  const left = c.rvalue(expr.left);
  const right = c.rvalue(expr.right);
  const invalid = () => {
    c.error(
      expr.opSpan,
      `invalid operands to binary expression (${quoteType(left)} and ${quoteType(right)})`,
    );
    return errorType;
  };
  switch (expr.op) {
    case "&&":
    case "||":
      return isScalar(left) && isScalar(right) ? intType : invalid();
    case "==":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=":
      if (isArithmetic(left) && isArithmetic(right)) return intType;
      if (left.kind === "pointer" && right.kind === "pointer") {
        const compatible =
          left.to.kind === "void" ||
          right.to.kind === "void" ||
          sameType(unqualified(left.to), unqualified(right.to));
        if (!compatible)
          c.warning(
            expr.opSpan,
            `comparison of distinct pointer types (${quoteType(left)} and ${quoteType(right)})`,
          );
        return intType;
      }
      if ((left.kind === "pointer" && isInteger(right)) || (isInteger(left) && right.kind === "pointer")) {
        if (expr.op !== "==" && expr.op !== "!=")
          c.warning(
            expr.opSpan,
            `ordered comparison between pointer and integer (${quoteType(left)} and ${quoteType(right)})`,
          );
        return intType;
      }
      return invalid();
    case "+":
      if (left.kind === "pointer" && isInteger(right)) return pointerArithmetic(c, expr, left);
      if (isInteger(left) && right.kind === "pointer") return pointerArithmetic(c, expr, right);
      return isArithmetic(left) && isArithmetic(right) ? usualArithmetic(left, right) : invalid();
    case "-":
      if (left.kind === "pointer" && isInteger(right)) return pointerArithmetic(c, expr, left);
      if (left.kind === "pointer" && right.kind === "pointer") {
        if (!sameType(unqualified(left.to), unqualified(right.to))) return invalid();
        return longType;
      }
      return isArithmetic(left) && isArithmetic(right) ? usualArithmetic(left, right) : invalid();
    case "<<":
    case ">>":
      if (!isInteger(left) || !isInteger(right)) return invalid();
      warnShiftCount(c, expr, promote(left));
      return promote(left);
    case "%":
    case "&":
    case "|":
    case "^": {
      if (!isInteger(left) || !isInteger(right)) return invalid();
      const common = usualArithmetic(left, right);
      if (expr.op === "%") requireUnsignedDivision(c, expr, common);
      return common;
    }
    default: {
      warnDivisionByZero(c, expr);
      if (!isArithmetic(left) || !isArithmetic(right)) return invalid();
      const common = usualArithmetic(left, right);
      if (expr.op === "/") requireUnsignedDivision(c, expr, common);
      return common;
    }
  }
}

function pointerArithmetic(c: CheckContext, expr: BinaryExpr, pointer: CType & { kind: "pointer" }): CType {
  if (pointer.to.kind === "function")
    c.warning(
      expr.opSpan,
      `arithmetic on a pointer to the function type ${quoteType(pointer.to)} is a GNU extension`,
    );
  else if (pointer.to.kind === "void")
    c.warning(expr.opSpan, `arithmetic on a pointer to void is a GNU extension`);
  else if (!isComplete(pointer.to))
    c.error(expr.opSpan, `arithmetic on a pointer to an incomplete type ${quoteType(pointer.to)}`);
  return pointer;
}

function warnShiftCount(c: CheckContext, expr: BinaryExpr, leftType: CType): void {
  const count = integerConstant(c, expr.right);
  if (count === null) return;
  const width = sizeOf(leftType) * 8;
  if (count < 0n) c.warning(expr.right.span, "shift count is negative");
  else if (count >= BigInt(width)) c.warning(expr.right.span, `shift count >= width of type`);
}

/**
 * clang 14's BPF backend has no signed division (BPF gained sdiv only with -mcpu=v4): a signed
 * `/` or `%` that survives optimisation fails to compile, even by a constant like 2 or 3. It
 * survives unless the whole expression folds, the divisor is 1 or -1, or LLVM knows the divisor
 * is not negative and the dividend is not negative or a constant (see known-sign.ts), and uses
 * `udiv`. What LLVM knows depends on the whole function (a loop counter's every store), so the
 * check runs when the function has been read. clang reports it from the backend with no line;
 * Tailscope points at the operator.
 */
function requireUnsignedDivision(c: CheckContext, expr: BinaryExpr, common: CType): void {
  if (!isInteger(common) || !integerOf(common).signed) return;
  const divisor = integerConstant(c, expr.right);
  if (divisor !== null && (divisor === 1n || divisor === -1n || divisor === 0n)) return;
  if (divisor !== null && integerConstant(c, expr.left) !== null) return;
  if (c.fn) c.fn.divisions.push({ expr, common });
  else reportSignedDivision(c, expr);
}

/** The signed divisions of a function LLVM cannot make unsigned, reported once it has been read. */
export function checkSignedDivisions(c: CheckContext, fn: FunctionContext, body: Stmt): void {
  if (fn.divisions.length === 0) return;
  const signs = new SignKnowledge(c.program, body);
  for (const { expr, common } of fn.divisions) {
    const width = isInteger(common) ? integerOf(common).size : 8;
    const divisorKnown = signs.nonNegativeAs(expr.right, width);
    const dividendKnown = integerConstant(c, expr.left) !== null || signs.nonNegativeAs(expr.left, width);
    if (!divisorKnown || !dividendKnown) reportSignedDivision(c, expr);
  }
}

function reportSignedDivision(c: CheckContext, expr: BinaryExpr): void {
  c.error(expr.opSpan, "Unsupport signed division for DAG: Please convert to unsigned div/mod.", {
    explanation:
      "clang 14 compiles for a BPF instruction set with no signed division; make an operand unsigned (for example `(u32)a / b`).",
  });
}

function warnDivisionByZero(c: CheckContext, expr: BinaryExpr): void {
  if (expr.op !== "/") return;
  const divisor = integerConstant(c, expr.right);
  if (divisor === 0n) c.warning(expr.right.span, "division by zero is undefined");
}
