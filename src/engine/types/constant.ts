import type { Expr } from "../syntax/ast";
import { type IntegerKind, operate } from "../target/integers";
import type { CheckContext } from "./check-context";
import { type CType, integerOf, isInteger, sizeOf } from "./ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "./symbols";

/**
 * A compile-time constant: an integer, or an address constant (a global, a function or a
 * string literal, plus a byte offset), which static initializers such as `[0] = &egress2` need.
 */
export type ConstantValue =
  | { readonly kind: "int"; readonly value: bigint }
  | {
      readonly kind: "address";
      readonly target:
        | VariableSymbol
        | FunctionSymbol
        | { readonly kind: "string"; readonly bytes: Uint8Array }
        | null;
      readonly offset: bigint;
    };

/** Wraps a value to the width and signedness of an integer type, as a conversion to it does. */
/** An integer type's width and signedness, for arithmetic; null for `_Bool` and non-integers. */
function integerKind(type: CType): IntegerKind | null {
  if (!isInteger(type)) return null;
  const int = integerOf(type);
  return int.rank === 0 ? null : { bits: int.size * 8, signed: int.signed };
}

export function wrapToType(value: bigint, type: CType): bigint {
  if (!isInteger(type)) return value;
  const int = integerOf(type);
  if (int.rank === 0) return value === 0n ? 0n : 1n;
  const bits = int.size * 8;
  return int.signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}

/** Checks `expr` and returns its value when it is an integer constant expression. */
export function integerConstant(c: CheckContext, expr: Expr): bigint | null {
  if (c.program.exprTypes[expr.id] === undefined) c.expression(expr);
  const value = evaluateConstant(c.program, expr);
  if (value?.kind !== "int") return null;
  c.program.constants.set(expr.id, value.value);
  return value.value;
}

/** Evaluates an already-checked expression at compile time, or returns null when it is not constant. */
export function evaluateConstant(program: TypedProgram, expr: Expr): ConstantValue | null {
  const typeOf = (e: Expr) => program.exprTypes[e.id];
  const int = (value: bigint, e: Expr): ConstantValue => {
    const type = typeOf(e);
    return { kind: "int", value: type ? wrapToType(value, type) : value };
  };
  const known = program.constants.get(expr.id);
  if (known !== undefined && expr.kind !== "ident") return { kind: "int", value: known };

  switch (expr.kind) {
    case "int":
      return int(expr.value, expr);
    case "char":
      return { kind: "int", value: BigInt.asIntN(8, BigInt(expr.value)) };
    case "string":
      return { kind: "address", target: { kind: "string", bytes: expr.bytes }, offset: 0n };
    case "ident": {
      const symbol = program.references[expr.id];
      if (symbol?.kind === "enum-constant") return { kind: "int", value: symbol.value };
      if (symbol?.kind === "function") return { kind: "address", target: symbol, offset: 0n };
      if (symbol?.kind === "variable" && symbol.storage === "global" && symbol.type.kind === "array") {
        return { kind: "address", target: symbol, offset: 0n };
      }
      return null;
    }
    case "unary":
      return evaluateUnary(program, expr, int);
    case "binary":
      return evaluateBinary(program, expr, int);
    case "conditional": {
      const test = evaluateConstant(program, expr.test);
      if (test?.kind !== "int") return null;
      if (test.value !== 0n) return expr.then ? evaluateConstant(program, expr.then) : test;
      return evaluateConstant(program, expr.otherwise);
    }
    case "cast": {
      const value = evaluateConstant(program, expr.operand);
      if (!value) return null;
      const target = typeOf(expr);
      if (value.kind === "int") return target && target.kind === "pointer" ? value : int(value.value, expr);
      if (target && isInteger(target) && value.target === null) return int(value.offset, expr);
      return target && (target.kind === "pointer" || (isInteger(target) && sizeOf(target) === 8))
        ? value
        : null;
    }
    case "comma":
      return null;
    case "call":
      return evaluateBuiltinCall(program, expr);
    case "sizeof":
    case "alignof":
    case "offsetof": {
      const value = program.constants.get(expr.id);
      return value === undefined ? null : { kind: "int", value };
    }
    default:
      return null;
  }
}

function evaluateUnary(
  program: TypedProgram,
  expr: Extract<Expr, { kind: "unary" }>,
  int: (value: bigint, e: Expr) => ConstantValue,
): ConstantValue | null {
  if (expr.op === "&") return addressOf(program, expr.operand);
  const value = evaluateConstant(program, expr.operand);
  if (value?.kind !== "int") return null;
  switch (expr.op) {
    case "-":
      return int(-value.value, expr);
    case "+":
      return int(value.value, expr);
    case "~":
      return int(~value.value, expr);
    case "!":
      return { kind: "int", value: value.value === 0n ? 1n : 0n };
    default:
      return null;
  }
}

/** `&global`, `&global.member`, `&array[2]`, `&((T *)0)->member` (offsetof). */
function addressOf(program: TypedProgram, operand: Expr): ConstantValue | null {
  switch (operand.kind) {
    case "ident": {
      const symbol = program.references[operand.id];
      if (symbol?.kind === "function") return { kind: "address", target: symbol, offset: 0n };
      if (symbol?.kind === "variable" && symbol.storage === "global")
        return { kind: "address", target: symbol, offset: 0n };
      return null;
    }
    case "member": {
      const access = program.members.get(operand);
      if (!access) return null;
      const base = operand.arrow
        ? evaluateConstant(program, operand.object)
        : addressOf(program, operand.object);
      if (!base) return null;
      if (base.kind === "int")
        return { kind: "address", target: null, offset: base.value + BigInt(access.offset) };
      return { ...base, offset: base.offset + BigInt(access.offset) };
    }
    case "index": {
      const base = addressOf(program, operand.array) ?? evaluateConstant(program, operand.array);
      const index = evaluateConstant(program, operand.index);
      const elementType = program.exprTypes[operand.id];
      if (base?.kind !== "address" || index?.kind !== "int" || !elementType) return null;
      return { ...base, offset: base.offset + index.value * BigInt(sizeOf(elementType)) };
    }
    case "unary":
      return operand.op === "*" ? evaluateConstant(program, operand.operand) : null;
    default:
      return null;
  }
}

function evaluateBinary(
  program: TypedProgram,
  expr: Extract<Expr, { kind: "binary" }>,
  int: (value: bigint, e: Expr) => ConstantValue,
): ConstantValue | null {
  const left = evaluateConstant(program, expr.left);
  if (!left) return null;
  if (expr.op === "&&" && left.kind === "int" && left.value === 0n) return { kind: "int", value: 0n };
  if (expr.op === "||" && left.kind === "int" && left.value !== 0n) return { kind: "int", value: 1n };
  const right = evaluateConstant(program, expr.right);
  if (!right) return null;
  if (left.kind === "address" || right.kind === "address")
    return addressArithmetic(program, expr, left, right);
  const leftType = program.exprTypes[expr.left.id];
  const rightType = program.exprTypes[expr.right.id];
  const resultType = program.exprTypes[expr.id];
  // Comparisons use the common type of the operands, which the result type (int) does not show.
  const commonUnsigned = comparisonIsUnsigned(leftType, rightType);
  const a = left.value;
  const b = right.value;
  const cmp = (x: bigint, y: bigint) =>
    commonUnsigned ? [BigInt.asUintN(64, x), BigInt.asUintN(64, y)] : [x, y];
  const bool = (v: boolean): ConstantValue => ({ kind: "int", value: v ? 1n : 0n });
  switch (expr.op) {
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
    case "&":
    case "|":
    case "^": {
      // In the result type: the usual arithmetic conversions made both operands that type.
      const kind = resultType && integerKind(resultType);
      if (!kind) return null;
      const value = operate(expr.op, a, b, kind);
      return value === null ? null : int(value, expr);
    }
    // C leaves shifts by the width or more undefined; the bits shifted out are gone, as clang's
    // constant folding has them (the BPF machine masks the count instead: target/integers.ts).
    case "<<":
      return int(a << (b & 127n), expr);
    case ">>": {
      const leftUnsigned = leftType && isInteger(leftType) && !integerOf(leftType).signed;
      return int((leftUnsigned ? wrapToType(a, leftType) : a) >> (b & 127n), expr);
    }
    case "&&":
      return bool(a !== 0n && b !== 0n);
    case "||":
      return bool(a !== 0n || b !== 0n);
    case "==":
      return bool(a === b);
    case "!=":
      return bool(a !== b);
    case "<": {
      const [x, y] = cmp(a, b);
      return bool(x < y);
    }
    case ">": {
      const [x, y] = cmp(a, b);
      return bool(x > y);
    }
    case "<=": {
      const [x, y] = cmp(a, b);
      return bool(x <= y);
    }
    case ">=": {
      const [x, y] = cmp(a, b);
      return bool(x >= y);
    }
  }
}

function comparisonIsUnsigned(left: CType | undefined, right: CType | undefined): boolean {
  if (!left || !right || !isInteger(left) || !isInteger(right)) return false;
  const a = integerOf(left);
  const b = integerOf(right);
  const pa = a.rank < 3 ? { size: 4, signed: true } : a;
  const pb = b.rank < 3 ? { size: 4, signed: true } : b;
  if (pa.signed === pb.signed) return !pa.signed;
  const unsignedSide = pa.signed ? pb : pa;
  const signedSide = pa.signed ? pa : pb;
  return unsignedSide.size >= signedSide.size;
}

function addressArithmetic(
  program: TypedProgram,
  expr: Extract<Expr, { kind: "binary" }>,
  left: ConstantValue,
  right: ConstantValue,
): ConstantValue | null {
  const pointerType = program.exprTypes[expr.left.id];
  const scale = pointerType?.kind === "pointer" ? BigInt(sizeOf(pointerType.to)) : 1n;
  if (left.kind === "address" && right.kind === "int" && (expr.op === "+" || expr.op === "-")) {
    const delta = right.value * scale;
    return { ...left, offset: expr.op === "+" ? left.offset + delta : left.offset - delta };
  }
  if (left.kind === "int" && right.kind === "address" && expr.op === "+") {
    const rightType = program.exprTypes[expr.right.id];
    const rightScale = rightType?.kind === "pointer" ? BigInt(sizeOf(rightType.to)) : 1n;
    return { ...right, offset: right.offset + left.value * rightScale };
  }
  return null;
}

function evaluateBuiltinCall(
  program: TypedProgram,
  expr: Extract<Expr, { kind: "call" }>,
): ConstantValue | null {
  if (expr.callee.kind !== "ident") return null;
  const name = expr.callee.name;
  if (name === "__builtin_constant_p") {
    const arg = expr.args[0];
    return { kind: "int", value: arg && evaluateConstant(program, arg)?.kind === "int" ? 1n : 0n };
  }
  const swaps: Record<string, number> = {
    __builtin_bswap16: 16,
    __builtin_bswap32: 32,
    __builtin_bswap64: 64,
  };
  const bits = swaps[name];
  if (bits && expr.args.length === 1) {
    const arg = evaluateConstant(program, expr.args[0]);
    if (arg?.kind !== "int") return null;
    let value = BigInt.asUintN(bits, arg.value);
    let swapped = 0n;
    for (let i = 0; i < bits / 8; i++) {
      swapped = (swapped << 8n) | (value & 0xffn);
      value >>= 8n;
    }
    return { kind: "int", value: swapped };
  }
  if (name === "__builtin_expect" && expr.args.length === 2) return evaluateConstant(program, expr.args[0]);
  return null;
}
