// The runtime computes integer types of up to 32 bits on JavaScript numbers, for speed; it must
// give exactly what C's arithmetic on the BPF target gives (target/integers.ts), for any operands.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integerOperation } from "../../src/engine/runtime/codegen/arithmetic";
import { divideByZero, type IntegerOperator, operate } from "../../src/engine/target/integers";
import {
  type CType,
  intType,
  longType,
  unsignedIntType,
  unsignedLongType,
} from "../../src/engine/types/ctypes";

const operators: IntegerOperator[] = ["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"];
// C computes in these only: narrower operands are promoted to int first.
const types: [CType & { size: number; signed: boolean }, string][] = [
  [intType, "int"],
  [unsignedIntType, "unsigned int"],
  [longType, "long"],
  [unsignedLongType, "unsigned long"],
] as never;

function expected(op: IntegerOperator, a: bigint, b: bigint, bits: number, signed: boolean): bigint {
  const kind = { bits, signed };
  return operate(op, a, b, kind) ?? divideByZero(op as "/" | "%", a, kind);
}

describe("the runtime's integer operations agree with C's arithmetic on the BPF target", () => {
  for (const [type, name] of types) {
    const bits = type.size * 8;
    const range = type.signed
      ? fc.bigInt(-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n)
      : fc.bigInt(0n, (1n << BigInt(bits)) - 1n);
    it(`${name}: every operator, any operands (divisors of 0 and shifts past the width included)`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...operators), range, fc.oneof(range, fc.bigInt(0n, 80n)), (op, a, b) => {
          const run = integerOperation(op, type);
          const wide = bits > 32;
          const value = run(wide ? a : Number(a), wide ? b : Number(b));
          expect(BigInt(value as number | bigint)).toBe(expected(op, a, b, bits, type.signed));
        }),
        { seed: 21, numRuns: 400 },
      );
    });
  }
});
