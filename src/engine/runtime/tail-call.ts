import { MAX_TAIL_CALL_CNT } from "../target/kernel";
import type { ProgArrayMap } from "./maps/prog-array";
import type { TailCallOutcome, TailCallRecord } from "./report";

export interface TailCallResult {
  readonly outcome: TailCallOutcome;
  /** The program now running, when the call jumped. */
  readonly program: string | null;
}

/** Which kernel's counting to copy for an attempt on an empty slot (kernel-facts.md §1.3, R4). */
export type TailCallCounting =
  /** x86-64 JIT since v6.12, and the interpreter since the 2026 fix: an empty slot uses no budget. */
  | "current"
  /** The interpreter before 2026 and the x86-64 JIT before v6.12: the count goes up before the NULL check. */
  | "legacy";

/** The budget of one entry-program invocation: fresh for each packet, never shared between CPUs. */
export interface TailCallBudget {
  count: number;
}

/**
 * `bpf_tail_call(ctx, map, index)` in the order of the kernel's `JMP_TAIL_CALL`
 * (kernel/bpf/core.c): an index past max_entries falls through without touching the count;
 * so does an exhausted budget; an empty slot falls through (counted only by legacy kernels);
 * otherwise the count goes up and the slot's program starts. A failed call is a no-op and the
 * caller goes on with its next statement.
 */
export function attemptTailCall(
  progArray: ProgArrayMap,
  rawIndex: bigint | number,
  budget: TailCallBudget,
  counting: TailCallCounting = "current",
): TailCallResult {
  // The index is a u32: 0x100000000 selects slot 0 (selftest verifier_runtime_jit.c).
  const index = typeof rawIndex === "number" ? rawIndex >>> 0 : Number(BigInt.asUintN(32, rawIndex));
  if (index >= progArray.spec.maxEntries) return outOfRange;
  if (budget.count >= MAX_TAIL_CALL_CNT) return limitReached;
  const jump = progArray.jump(index);
  if (counting === "legacy") budget.count++;
  if (jump === null) return emptySlot;
  if (counting === "current") budget.count++;
  return jump;
}

/** The results that name no program, made once. */
const outOfRange: TailCallResult = Object.freeze({ outcome: "out-of-range", program: null });
const limitReached: TailCallResult = Object.freeze({ outcome: "limit", program: null });
const emptySlot: TailCallResult = Object.freeze({ outcome: "empty-slot", program: null });

/** Whether a record tells of this attempt. */
export function recordsAttempt(
  record: TailCallRecord,
  from: string,
  map: string,
  key: number,
  outcome: TailCallOutcome,
  to: string | null,
): boolean {
  return (
    record.from === from &&
    record.map === map &&
    record.key === key &&
    record.outcome === outcome &&
    record.to === to
  );
}

/** Whether two tail-call records tell of the same attempt. */
export function sameAttempt(a: TailCallRecord, b: TailCallRecord): boolean {
  return a === b || recordsAttempt(a, b.from, b.map, b.key, b.outcome, b.to);
}
