import { divideByZero, isIntegerOperator, operate, wrapInteger } from "../../target/integers";
import { type CType, integerOf, isInteger } from "../../types/ctypes";
import type { Pointer } from "../memory";
import { isPointer, representation, type Value } from "../values";

/** Operations on already-converted operands of one integer type. */
type Operation = (a: Value, b: Value) => Value;

function intInfo(type: CType): { bits: number; signed: boolean } {
  if (isInteger(type)) {
    const int = integerOf(type);
    return { bits: int.size * 8, signed: int.signed };
  }
  return { bits: 64, signed: false };
}

/** Wraps a number to a small integer type (≤ 32 bits). */
export function wrapSmall(value: number, bits: number, signed: boolean): number {
  if (bits === 32) return signed ? value | 0 : value >>> 0;
  const shift = 32 - bits;
  return signed ? (value << shift) >> shift : value & ((1 << bits) - 1);
}

function asNumber(value: Value): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(BigInt.asIntN(32, value));
  return value === null ? 0 : 1;
}

function asBig(value: Value): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(value);
  return value === null ? 0n : 1n;
}

/**
 * Converts a value between types as C's conversions do, wrapping to the target width. A
 * pointer converted to an integer keeps being a pointer (its provenance), so that
 * `(long)skb->data_end - (long)skb->data` still measures the packet.
 */
export function convertValue(value: Value, from: CType, to: CType): Value {
  const target = representation(to);
  if (isPointer(value) || (typeof value === "object" && value !== null && !(value instanceof Uint8Array))) {
    return target === "pointer" || target === "wide" || target === "small" ? value : value;
  }
  if (to.kind === "int" && to.rank === 0) return value === null || value === 0 || value === 0n ? 0 : 1;
  switch (target) {
    case "small": {
      const { bits, signed } = intInfo(to);
      if (typeof value === "bigint")
        return Number(signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value));
      return wrapSmall(asNumber(value), bits, signed);
    }
    case "wide": {
      const { signed } = intInfo(to);
      const big = asBig(value);
      return signed ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big);
    }
    case "pointer":
      if (value === null || value === 0 || value === 0n) return null;
      return typeof value === "number" ? BigInt(value) : value;
    default:
      return from.kind === "void" ? 0 : value;
  }
}

/** `convertValue` for one pair of types, with the target's width and signedness worked out once. */
export function generateConversion(from: CType, to: CType): (value: Value) => Value {
  const target = representation(to);
  const isHandle = (v: Value) => typeof v === "object" && v !== null && !(v instanceof Uint8Array);
  if ((to.kind === "int" && to.rank === 0) || (target !== "small" && target !== "wide"))
    return (value) => convertValue(value, from, to);
  const { bits, signed } = intInfo(to);
  if (target === "small")
    return (value) =>
      typeof value === "number"
        ? wrapSmall(value, bits, signed)
        : isHandle(value)
          ? value
          : typeof value === "bigint"
            ? Number(signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value))
            : wrapSmall(asNumber(value), bits, signed);
  return (value) =>
    typeof value === "bigint"
      ? signed
        ? BigInt.asIntN(64, value)
        : BigInt.asUintN(64, value)
      : isHandle(value)
        ? value
        : signed
          ? BigInt.asIntN(64, asBig(value))
          : BigInt.asUintN(64, asBig(value));
}

function pointerDifference(a: Pointer, b: Pointer): number {
  return a.region === b.region ? a.offset - b.offset : Number.NaN;
}

/** `p + n` on a pointer that went through an integer type: byte arithmetic on its offset. */
function offsetPointer(pointer: Pointer, delta: number): Pointer {
  return { region: pointer.region, offset: pointer.offset + delta };
}

/**
 * Binary arithmetic in one integer type, with the BPF target's rules: wrap-around at the type's
 * width; division by zero gives 0 and modulo by zero the dividend (kernel/bpf/core.c); shift
 * counts masked to the width, as the BPF shift instructions do.
 */
export function integerOperation(op: string, type: CType): Operation {
  const { bits, signed } = intInfo(type);
  if (representation(type) === "small") return smallOperation(op, bits, signed);
  return wideOperation(op, signed);
}

function smallOperation(op: string, bits: number, signed: boolean): Operation {
  const wrap = (n: number) => wrapSmall(n, bits, signed);
  const n = asNumber;
  switch (op) {
    case "+":
      return (a, b) =>
        isPointer(a) ? offsetPointer(a, n(b)) : isPointer(b) ? offsetPointer(b, n(a)) : wrap(n(a) + n(b));
    case "-":
      return (a, b) => {
        if (isPointer(a) && isPointer(b)) return wrap(pointerDifference(a, b));
        if (isPointer(a)) return offsetPointer(a, -n(b));
        return wrap(n(a) - n(b));
      };
    case "*":
      return (a, b) => wrap(Math.imul(n(a), n(b)));
    case "/":
      return (a, b) => (n(b) === 0 ? 0 : wrap(Math.trunc(n(a) / n(b))));
    case "%":
      return (a, b) => (n(b) === 0 ? n(a) : wrap(n(a) % n(b)));
    case "<<":
      return (a, b) => wrap(n(a) << (n(b) & 31));
    case ">>":
      return signed ? (a, b) => wrap(n(a) >> (n(b) & 31)) : (a, b) => wrap(n(a) >>> (n(b) & 31));
    case "&":
      return (a, b) => wrap(n(a) & n(b));
    case "|":
      return (a, b) => wrap(n(a) | n(b));
    case "^":
      return (a, b) => wrap(n(a) ^ n(b));
    default:
      throw new Error(`no small integer operation ${op}`);
  }
}

function wideOperation(op: string, signed: boolean): Operation {
  if (!isIntegerOperator(op)) throw new Error(`no wide integer operation ${op}`);
  const kind = { bits: 64, signed };
  const b = asBig;
  const integer = (x: Value, y: Value) => {
    const value = operate(op, b(x), b(y), kind);
    return value ?? divideByZero(op as "/" | "%", b(x), kind);
  };
  switch (op) {
    case "+":
      return (x, y) =>
        isPointer(x)
          ? offsetPointer(x, Number(b(y)))
          : isPointer(y)
            ? offsetPointer(y, Number(b(x)))
            : integer(x, y);
    case "-":
      return (x, y) => {
        if (isPointer(x) && isPointer(y)) return wrapInteger(BigInt(pointerDifference(x, y)), kind);
        if (isPointer(x)) return offsetPointer(x, -Number(b(y)));
        return integer(x, y);
      };
    default:
      return integer;
  }
}

/** Comparisons give int 0 or 1; pointers compare by offset within one region. */
export function comparison(op: string): (a: Value, b: Value) => number {
  const key = (v: Value): number | bigint =>
    isPointer(v) ? v.offset : v === null ? 0 : typeof v === "number" || typeof v === "bigint" ? v : 1;
  const sameRegion = (a: Value, b: Value) => !isPointer(a) || !isPointer(b) || a.region === b.region;
  switch (op) {
    case "==":
      return (a, b) => (sameRegion(a, b) && key(a) == key(b) && isPointer(a) === isPointer(b) ? 1 : 0);
    case "!=":
      return (a, b) => (sameRegion(a, b) && key(a) == key(b) && isPointer(a) === isPointer(b) ? 0 : 1);
    case "<":
      return (a, b) => (key(a) < key(b) ? 1 : 0);
    case ">":
      return (a, b) => (key(a) > key(b) ? 1 : 0);
    case "<=":
      return (a, b) => (key(a) <= key(b) ? 1 : 0);
    default:
      return (a, b) => (key(a) >= key(b) ? 1 : 0);
  }
}

/** C truthiness: a non-zero number or bigint, or a pointer (NULL is null, 0 or 0n). One type per comparison (see jsTruthy). */
export function isTruthy(value: Value): boolean {
  if (typeof value === "number") return value !== 0;
  if (typeof value === "bigint") return value !== 0n;
  return value !== null;
}
