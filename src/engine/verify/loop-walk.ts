import type { Expr, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
import type { Scalar } from "./abstract-values";

/**
 * How long the kernel's walk of a counted loop is. The verifier does not summarise a loop: it
 * walks it turn by turn, the counter a new constant each time, until the exit is proved on every
 * path. A loop bounded only by a value it knows little of (`i < skb->len`, up to 2^32 - 1) is
 * walked until a limit stops it: a million instructions processed ("BPF program is too large"),
 * or, when each turn leaves a branch to come back to, 8192 of them pending ("The sequence of
 * 8193 jumps is too complex"). Measured on 6.18 (conformance cases verify-loop-*): a call in the
 * body keeps clang from folding the loop, and no state of such a walk is pruned.
 */

/** The instructions a walk may process (BPF_COMPLEXITY_LIMIT_INSNS). */
export const MAX_PROCESSED_INSNS = 1_000_000;
/** The branches a walk may leave pending (BPF_COMPLEXITY_LIMIT_JMP_SEQ). */
export const MAX_PENDING_JUMPS = 8192;

/**
 * Turns past which a walk surely passes a million instructions: a turn that calls a helper is
 * at least five (the counter's step, the test, the jump, an argument, the call); measured turns
 * are 15 to 25. Between MAX_PENDING_JUMPS and this, the verdict depends on clang's count.
 */
export const SURELY_TOO_MANY_TURNS = MAX_PROCESSED_INSNS / 5;

/** The most turns a loop can take: from the counter's lowest start to the bound's highest value. */
export function mostTurns(
  op: string,
  counterOnLeft: boolean,
  counter: Scalar,
  bound: Scalar,
  stride: bigint,
): bigint | null {
  const relation = counterOnLeft ? op : mirrored[op];
  if (stride > 0n && (relation === "<" || relation === "<=" || relation === "!="))
    return (bound.max - counter.min + (relation === "<=" ? 1n : 0n)) / stride;
  if (stride < 0n && (relation === ">" || relation === ">=" || relation === "!="))
    return (counter.max - bound.min + (relation === ">=" ? 1n : 0n)) / -stride;
  return null;
}

const mirrored: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "!=": "!=" };

/** Whether a turn of the body takes a branch the verifier may leave pending. */
export function bodyBranches(body: Stmt): boolean {
  let branches = false;
  walk(body, (node) => {
    if (
      node.kind === "if" ||
      node.kind === "switch" ||
      node.kind === "conditional" ||
      (node.kind === "binary" && (node.op === "&&" || node.op === "||"))
    )
      branches = true;
  });
  return branches;
}

/**
 * Turns past which a loop whose branches change a local kept across turns (`if (b == 0x45)
 * n++;`) may already be too long: each turn splits the paths, the local differs on each, and
 * the kernel walks every (turn, value) state. 255 turns of the measured case passed a million
 * instructions (verify-loop-masked-branching-counter).
 */
export const BRANCHING_TURNS_JUDGED = 128;

/** Whether an `if` or `?:` in the body changes a local declared outside the loop. */
export function branchesChangeState(body: Stmt): boolean {
  const inside = new Set<string>();
  walk(body, (node) => {
    if (node.kind === "declaration")
      for (const d of node.declarators) if (d.declarator.name) inside.add(d.declarator.name);
  });
  let changes = false;
  walk(body, (node) => {
    if (node.kind !== "if" && node.kind !== "conditional") return;
    const arms = [node.then, node.otherwise];
    for (const arm of arms) {
      if (!arm) continue;
      walk(arm, (inner) => {
        const target = storedTarget(inner);
        if (target?.kind === "ident" && !inside.has(target.name)) changes = true;
      });
    }
  });
  return changes;
}

function storedTarget(node: Stmt | Expr): Expr | null {
  if (node.kind === "assign") return node.target;
  if (node.kind === "postfix") return node.operand;
  if (node.kind === "unary" && (node.op === "++" || node.op === "--")) return node.operand;
  return null;
}

/** What Tailscope says of a walk: a refusal in the kernel's words, a warning, or nothing. */
export interface WalkVerdict {
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly explanation: string;
}

/**
 * The verdict on a loop that may take `turns` turns: refused when the walk surely passes a
 * million instructions, in the words of the limit it meets first; past 8192 turns (or 128 when
 * its branches change a value kept across turns), where the verdict depends on clang's
 * instructions and the kernel's states, a warning.
 */
export function walkVerdict(
  turns: bigint,
  body: Stmt,
  boundText: string,
  counter: string,
): WalkVerdict | null {
  const splitting = branchesChangeState(body);
  if (turns <= BigInt(MAX_PENDING_JUMPS) && !(splitting && turns > BigInt(BRANCHING_TURNS_JUDGED)))
    return null;
  const count = turns.toLocaleString("en");
  const why = `Nothing but \`${boundText}\` bounds this loop, so the verifier may have to walk it ${count} times, once per turn.`;
  const fix = `Bound the counter by a constant as well (\`${counter} < 256 && …\`), or use bpf_loop.`;
  if (turns < BigInt(SURELY_TOO_MANY_TURNS))
    return {
      severity: "warning",
      message: `the kernel may refuse this loop as too complex: it can take ${count} turns`,
      explanation: `${why}${splitting ? " Each turn's branch changes a value kept from turn to turn, so the paths the verifier walks multiply." : ""} The kernel refuses a program whose walk passes a million instructions or leaves more than 8192 branches pending; whether it does depends on the instructions clang emits, so Tailscope loads it without knowing. ${fix}`,
    };
  const branches = bodyBranches(body);
  return {
    severity: "error",
    message: branches
      ? `The sequence of ${MAX_PENDING_JUMPS + 1} jumps is too complex.`
      : `BPF program is too large. Processed ${MAX_PROCESSED_INSNS + 1} insn`,
    explanation: `${why} ${branches ? "Each turn leaves a branch for the verifier to come back to, and it keeps at most 8192 pending." : "It stops after a million instructions."} ${fix}`,
  };
}

/** The constant a loop's step adds to its counter (`i++` 1, `i -= 2` -2), or null. */
export function strideOf(step: Expr, constant: (expr: Expr) => bigint | null): bigint | null {
  if (step.kind === "postfix" || step.kind === "unary") {
    if (step.op === "++") return 1n;
    if (step.op === "--") return -1n;
    return null;
  }
  if (step.kind === "assign" && (step.op === "+=" || step.op === "-=")) {
    const by = constant(step.value);
    return by === null ? null : step.op === "+=" ? by : -by;
  }
  return null;
}
