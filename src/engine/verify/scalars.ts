import { anyScalar, S64_MAX, S64_MIN, type Scalar, scalar, tnumOf, typeRange } from "./abstract-values";
import {
  type Tnum,
  tnumAdd,
  tnumAnd,
  tnumMul,
  tnumOr,
  tnumShiftLeft,
  tnumShiftRight,
  tnumSub,
  tnumXor,
} from "./tnum";

/**
 * `a OP b`: its bounds, and the bits known of it (tnum arithmetic, as the kernel keeps both), so
 * that a variable offset reads as the kernel prints it.
 */
export function arithmetic(op: string, a: Scalar, b: Scalar): Scalar {
  const bounds = boundsOf(op, a, b);
  // A right shift of a value that may be negative is arithmetic in C; the tnum shift is logical.
  if (op === ">>" && a.min < 0n) return bounds;
  return { ...bounds, bits: () => knownBits(op, tnumOf(a), tnumOf(b), b) };
}

function knownBits(op: string, a: Tnum, b: Tnum, amount: Scalar): Tnum | null {
  const shift = amount.min === amount.max && amount.min >= 0n && amount.min < 64n ? Number(amount.min) : null;
  switch (op) {
    case "&":
      return tnumAnd(a, b);
    case "|":
      return tnumOr(a, b);
    case "^":
      return tnumXor(a, b);
    case "+":
      return tnumAdd(a, b);
    case "-":
      return tnumSub(a, b);
    case "*":
      return tnumMul(a, b);
    case "<<":
      return shift === null ? null : tnumShiftLeft(a, shift);
    case ">>":
      return shift === null ? null : tnumShiftRight(a, shift);
    default:
      return null;
  }
}

const isPowerOfTwo = (b: Scalar) => b.min === b.max && b.min > 0n && (b.min & (b.min - 1n)) === 0n;

/** A value the kernel's verifier knows nothing of: converting it to a C type bounds nothing. */
const untracked: Scalar = { ...anyScalar, untracked: true };

/** Interval arithmetic on signed 64-bit bounds; anything that may overflow becomes unbounded. */
function boundsOf(op: string, a: Scalar, b: Scalar): Scalar {
  const bounded = (min: bigint, max: bigint) =>
    min < S64_MIN || max > S64_MAX ? anyScalar : scalar(min, max);
  switch (op) {
    case "+":
      return bounded(a.min + b.min, a.max + b.max);
    case "-":
      return bounded(a.min - b.max, a.max - b.min);
    case "*": {
      const products = [a.min * b.min, a.min * b.max, a.max * b.min, a.max * b.max];
      return bounded(min(products), max(products));
    }
    case "&":
      // x & mask, with a non-negative mask, is within [0, mask] whatever x is.
      if (b.min === b.max && b.min >= 0n) return scalar(0n, b.min);
      if (a.min === a.max && a.min >= 0n) return scalar(0n, a.min);
      return a.min >= 0n && b.min >= 0n ? scalar(0n, a.max < b.max ? a.max : b.max) : anyScalar;
    // clang turns a division by a power of two into a shift or a mask, which the verifier
    // tracks; any other becomes BPF_DIV or BPF_MOD, whose result the kernel does not track at
    // all (adjust_scalar_min_max_vals marks it unknown), not even within the C type's range.
    case "%":
      if (isPowerOfTwo(b) && a.min >= 0n) return scalar(0n, b.min - 1n);
      return untracked;
    case "/":
      if (isPowerOfTwo(b) && a.min >= 0n) return scalar(a.min / b.min, a.max / b.min);
      return untracked;
    case ">>":
      if (b.min === b.max && b.min >= 0n && b.min < 64n && a.min >= 0n)
        return scalar(a.min >> b.min, a.max >> b.min);
      return anyScalar;
    case "<<":
      if (b.min === b.max && b.min >= 0n && b.min < 64n && a.min >= 0n)
        return bounded(a.min << b.min, a.max << b.min);
      return anyScalar;
    case "|":
    case "^":
      if (a.min === a.max && b.min === b.max) return scalar(op === "|" ? a.min | b.min : a.min ^ b.min);
      return anyScalar;
    default:
      return anyScalar;
  }
}

/** A value converted to a C integer type: kept when it fits, else the type's whole range. */
export function convert(value: Scalar, size: number, signed: boolean): Scalar {
  const range = typeRange(size, signed);
  if (value.untracked || (value.min >= range.min && value.max <= range.max)) return value;
  if (value.min === value.max) {
    const bits = BigInt(size * 8);
    const wrapped = signed ? BigInt.asIntN(Number(bits), value.min) : BigInt.asUintN(Number(bits), value.min);
    return scalar(wrapped);
  }
  return range;
}

/** `x OP constant` known true: the bounds x has on that branch. */
export function refine(value: Scalar, op: string, bound: bigint): Scalar | null {
  let { min: lo, max: hi } = value;
  switch (op) {
    case "<":
      hi = hi < bound - 1n ? hi : bound - 1n;
      break;
    case "<=":
      hi = hi < bound ? hi : bound;
      break;
    case ">":
      lo = lo > bound + 1n ? lo : bound + 1n;
      break;
    case ">=":
      lo = lo > bound ? lo : bound;
      break;
    case "==":
      if (bound < lo || bound > hi) return null;
      return scalar(bound);
    case "!=":
      if (lo === hi && lo === bound) return null;
      if (lo === bound) lo++;
      else if (hi === bound) hi--;
      break;
  }
  return lo > hi ? null : scalar(lo, hi);
}

/** The comparison that holds when `a OP b` does not. */
export function negate(op: string): string {
  return { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==" }[op] ?? op;
}

/** `a OP b` read from b's side: `3 < x` is `x > 3`. */
export function mirror(op: string): string {
  return { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!=" }[op] ?? op;
}

function min(values: bigint[]): bigint {
  return values.reduce((a, b) => (b < a ? b : a));
}

function max(values: bigint[]): bigint {
  return values.reduce((a, b) => (b > a ? b : a));
}
