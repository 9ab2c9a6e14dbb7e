// The tail-call rule as kernel-facts.md §1 records it (kernel/bpf/core.c JMP_TAIL_CALL, x86-64 JIT).

import { describe, expect, it } from "vitest";
import { type ProgramKind, programKindOf } from "../../src/engine/loader/sections";
import { ProgArrayMap } from "../../src/engine/runtime/maps/prog-array";
import { attemptTailCall } from "../../src/engine/runtime/tail-call";
import { MAX_TAIL_CALL_CNT } from "../../src/engine/target/kernel";

function progArray(maxEntries: number, slots: Record<number, string>) {
  const map = new ProgArrayMap({
    name: "jmp",
    typeName: "prog_array",
    keySize: 4,
    valueSize: 4,
    maxEntries,
    flags: 0,
  });
  const egress = programKindOf("cgroup_skb/egress") as ProgramKind;
  for (const [index, program] of Object.entries(slots)) map.setSlot(Number(index), program, egress);
  return map;
}

describe("bpf_tail_call", () => {
  it("jumps to the program in the slot and counts it", () => {
    const budget = { count: 0 };
    expect(attemptTailCall(progArray(2, { 1: "egress3" }), 1n, budget)).toEqual({
      outcome: "jumped",
      program: "egress3",
    });
    expect(budget.count).toBe(1);
  });

  it("a self tail call succeeds exactly 33 times, so 34 programs run", () => {
    const map = progArray(1, { 0: "loop" });
    const budget = { count: 0 };
    let runs = 1;
    while (attemptTailCall(map, 0n, budget).outcome === "jumped") runs++;
    expect(budget.count).toBe(MAX_TAIL_CALL_CNT);
    expect(runs).toBe(34);
    expect(attemptTailCall(map, 0n, budget).outcome).toBe("limit");
  });

  it("falls through on an empty slot without using budget (x86-64 JIT since v6.12)", () => {
    const budget = { count: 0 };
    expect(attemptTailCall(progArray(4, {}), 3n, budget).outcome).toBe("empty-slot");
    expect(budget.count).toBe(0);
  });

  it("counts an empty slot when copying a legacy kernel", () => {
    const budget = { count: 0 };
    expect(attemptTailCall(progArray(4, {}), 3n, budget, "legacy").outcome).toBe("empty-slot");
    expect(budget.count).toBe(1);
  });

  it("falls through on an out-of-range index, including -1 and 256, without using budget", () => {
    const budget = { count: 0 };
    const map = progArray(4, { 0: "a" });
    expect(attemptTailCall(map, 256n, budget).outcome).toBe("out-of-range");
    expect(attemptTailCall(map, -1n, budget).outcome).toBe("out-of-range");
    expect(budget.count).toBe(0);
  });

  it("cuts the index to 32 bits: 0x100000000 is slot 0", () => {
    expect(attemptTailCall(progArray(4, { 0: "a" }), 0x100000000n, { count: 0 }).program).toBe("a");
  });
});
