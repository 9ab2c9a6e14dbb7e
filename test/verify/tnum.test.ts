// Tristate numbers as kernel/bpf/tnum.c defines them: each case worked by hand from the
// definitions (a bit is known, or unknown).
import { describe, expect, it } from "vitest";
import {
  tnumAdd,
  tnumAnd,
  tnumConst,
  tnumIntersect,
  tnumMul,
  tnumRange,
  tnumShiftLeft,
  tnumSub,
  tnumText,
  tnumUnknown,
} from "../../src/engine/verify/tnum";

const t = (value: bigint, mask: bigint) => ({ value, mask });

describe("tnum", () => {
  it("describes a range by the high bits its ends share", () => {
    expect(tnumRange(0n, 4n)).toEqual(t(0n, 7n));
    expect(tnumRange(8n, 11n)).toEqual(t(8n, 3n));
    expect(tnumRange(5n, 5n)).toEqual(t(5n, 0n));
  });

  it("masks, shifts and multiplies the way an index becomes an offset", () => {
    const len = tnumRange(0n, 0xffff_ffffn);
    const index = tnumAnd(len, tnumConst(3n));
    expect(index).toEqual(t(0n, 3n));
    expect(tnumShiftLeft(index, 2)).toEqual(t(0n, 12n));
    expect(tnumMul(index, tnumConst(4n))).toEqual(t(0n, 12n));
    expect(tnumMul(tnumConst(6n), tnumConst(7n))).toEqual(t(42n, 0n));
  });

  it("adds and subtracts with carries and borrows spreading unknown bits", () => {
    expect(tnumAdd(t(0n, 1n), tnumConst(1n))).toEqual(t(0n, 3n));
    expect(tnumAdd(t(0n, 6n), tnumConst(1n))).toEqual(t(1n, 6n));
    expect(tnumSub(tnumConst(10n), tnumConst(3n))).toEqual(t(7n, 0n));
  });

  it("keeps what two descriptions agree on, and prints as the kernel does", () => {
    expect(tnumIntersect(t(0n, 7n), t(4n, 3n))).toEqual(t(4n, 3n));
    expect(tnumText(t(0n, 12n))).toBe("(0x0; 0xc)");
    expect(tnumText(tnumUnknown)).toBe("(0x0; 0xffffffffffffffff)");
  });
});
