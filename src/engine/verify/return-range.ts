import type { ProgramKind } from "../loader/sections";
import { anyScalar, constantsOf, type Scalar, scalar } from "./abstract-values";
import type { Problem } from "./computed-offsets";

/**
 * The program's return value against its hook's range (check_return_code), or null when it
 * fits. `returnBytes` is the size of the entry function's return type.
 */
export function returnRangeProblem(kind: ProgramKind, returnBytes: number, value: Scalar): Problem | null {
  const range = kind.returnRange;
  if (!range) return null;
  const [lo, hi] = range;
  const result = inRegister(value, range, returnBytes);
  if (result.min >= BigInt(lo) && result.max <= BigInt(hi)) return null;
  return {
    message: `At program exit the register R0 has ${describeBounds(result)} should have been in [${lo}, ${hi}]`,
    explanation: `A ${kind.type} program must return a value in [${lo}, ${hi}] (for egress: 0 drop, 1 allow, 2 and 3 also ask for congestion notification).`,
  };
}

/**
 * R0 at the exit the kernel checks. Each path that joined into the value is checked with its
 * own constant, the first that fails (in the order the paths joined: an early return or a
 * goto's path first) named. A single constant of a 32-bit return type is loaded zero-extended
 * (`return -1;` is `r0 = 4294967295 ll`); one of several is moved in as a 32-bit immediate,
 * sign-extended (`r0 = -1`). Measured with clang 14 on 6.18 (verify-return-constant-*).
 */
function inRegister(value: Scalar, [lo, hi]: readonly [number, number], returnBytes: number): Scalar {
  const constants = constantsOf(value);
  if (!constants) return value;
  const narrow = returnBytes <= 4 && constants.length === 1;
  const registers = constants.map((c) => (narrow ? BigInt.asUintN(32, c) : c));
  const failing = registers.find((r) => r < BigInt(lo) || r > BigInt(hi));
  if (failing !== undefined) return scalar(failing);
  return scalar(
    registers.reduce((a, b) => (a < b ? a : b)),
    registers.reduce((a, b) => (a > b ? a : b)),
  );
}

/** The kernel's wording for a scalar's bounds in the return-code message (≥ 6.8). */
function describeBounds(value: Scalar): string {
  const minKnown = value.min !== anyScalar.min;
  const maxKnown = value.max !== anyScalar.max;
  if (minKnown && maxKnown) return `smin=${value.min} smax=${value.max}`;
  if (minKnown) return `smin=${value.min}`;
  if (maxKnown) return `smax=${value.max}`;
  return "unknown scalar value";
}
