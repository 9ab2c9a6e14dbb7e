/**
 * The verifier's "tristate numbers" (kernel/bpf/tnum.c): for each of a register's 64 bits,
 * whether it is known and, if so, its value. `mask` has a 1 for each unknown bit; `value` holds
 * the known bits (0 where unknown). A variable offset is reported in this form, as
 * `var_off=(0x0; 0xc)`, so Tailscope keeps it beside a scalar's bounds.
 */
export interface Tnum {
  readonly value: bigint;
  readonly mask: bigint;
}

const U64 = (1n << 64n) - 1n;
const u64 = (n: bigint) => n & U64;

export const tnumUnknown: Tnum = { value: 0n, mask: U64 };

export function tnumConst(n: bigint): Tnum {
  return { value: u64(n), mask: 0n };
}

/** The bits every number in [min, max] (both ≥ 0) agrees on. */
export function tnumRange(min: bigint, max: bigint): Tnum {
  const differing = min ^ max;
  const bits = differing.toString(2).length - (differing === 0n ? 1 : 0);
  if (bits > 63) return tnumUnknown;
  const delta = (1n << BigInt(bits)) - 1n;
  return { value: min & ~delta, mask: delta };
}

export function tnumAnd(a: Tnum, b: Tnum): Tnum {
  const value = a.value & b.value;
  return { value, mask: (a.value | a.mask) & (b.value | b.mask) & ~value };
}

export function tnumOr(a: Tnum, b: Tnum): Tnum {
  const value = a.value | b.value;
  return { value, mask: (a.mask | b.mask) & ~value };
}

export function tnumXor(a: Tnum, b: Tnum): Tnum {
  const mask = a.mask | b.mask;
  return { value: (a.value ^ b.value) & ~mask, mask };
}

export function tnumAdd(a: Tnum, b: Tnum): Tnum {
  const sumMasks = u64(a.mask + b.mask);
  const sumValues = u64(a.value + b.value);
  const carries = u64(sumMasks + sumValues) ^ sumValues;
  const mask = carries | a.mask | b.mask;
  return { value: sumValues & ~mask, mask };
}

export function tnumSub(a: Tnum, b: Tnum): Tnum {
  const difference = u64(a.value - b.value);
  const borrows = u64(difference + a.mask) ^ u64(difference - b.mask);
  const mask = borrows | a.mask | b.mask;
  return { value: difference & ~mask, mask };
}

export function tnumShiftLeft(a: Tnum, by: number): Tnum {
  return { value: u64(a.value << BigInt(by)), mask: u64(a.mask << BigInt(by)) };
}

export function tnumShiftRight(a: Tnum, by: number): Tnum {
  return { value: a.value >> BigInt(by), mask: a.mask >> BigInt(by) };
}

/** Long multiplication, one bit of `a` at a time: a certain 1 adds b's unknown bits, an unknown one all of b's possible ones. */
export function tnumMul(a: Tnum, b: Tnum): Tnum {
  const known = u64(a.value * b.value);
  let unknownPart: Tnum = { value: 0n, mask: 0n };
  let x = a;
  let y = b;
  while (x.value !== 0n || x.mask !== 0n) {
    if (x.value & 1n) unknownPart = tnumAdd(unknownPart, { value: 0n, mask: y.mask });
    else if (x.mask & 1n) unknownPart = tnumAdd(unknownPart, { value: 0n, mask: y.value | y.mask });
    x = tnumShiftRight(x, 1);
    y = tnumShiftLeft(y, 1);
  }
  return tnumAdd(tnumConst(known), unknownPart);
}

/** What two descriptions of one number agree on. */
export function tnumIntersect(a: Tnum, b: Tnum): Tnum {
  const value = a.value | b.value;
  const mask = a.mask & b.mask;
  return { value: value & ~mask, mask };
}

export function tnumIsConst(a: Tnum): boolean {
  return a.mask === 0n;
}

/** As the kernel prints one (tnum_strn): `(0x0; 0xc)`. */
export function tnumText(a: Tnum): string {
  return `(0x${a.value.toString(16)}; 0x${a.mask.toString(16)})`;
}
