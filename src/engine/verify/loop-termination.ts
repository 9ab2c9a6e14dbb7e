import type { Expr, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";

/**
 * How a loop that may never end is found, as the kernel finds it: the verifier walks a loop
 * iteration by iteration, keeping the state it had at the loop's head, and when a path comes back
 * to the head in a state it has already been in on that path, nothing has changed that could
 * ever make the loop stop: "infinite loop detected at insn N" (kernel/bpf/verifier.c,
 * is_state_visited). A counter the verifier tracks makes each state new until the exit is
 * proved; a condition on a helper's result, a context field or memory (which it does not track)
 * repeats at once.
 *
 * Tailscope follows a loop the same way for a few iterations, with the locals in scope at the
 * head as the state. A cycle longer than that is not found, and the loop is let through.
 */
export const ITERATIONS_FOLLOWED = 16;

/** Statements the following of one loop may visit before it gives up without a verdict. */
export const STATEMENTS_FOLLOWED = 20_000;

/** What the analysis knows about an expression, for telling which loops clang keeps. */
export interface LoopFacts {
  /** The variable `expr` names, when it is one of the function's locals. */
  isLocal(expr: Expr): boolean;
  /** Whether reading or writing `expr` is a volatile access. */
  isVolatile(expr: Expr): boolean;
  /** The value of a constant expression, else null. */
  constant(expr: Expr): bigint | null;
}

/**
 * Whether clang keeps the loop as written, for the verifier to walk. A loop whose only effect is
 * a store to memory (a global, a map value) is one clang rewrites: it keeps the value in a
 * register and works out the value at the exit (`while (counter < 10) counter++;` becomes one
 * store of 10), so the kernel never sees the loop. A call, a volatile access or inline assembly
 * keeps it; so does a loop that stores nothing, which clang leaves alone, and one with no way out.
 */
export function clangKeepsLoop(loop: Stmt, test: Expr | null, facts: LoopFacts): boolean {
  let storesToMemory = false;
  let kept = false;
  let leaves = false;
  walk(loop, (node) => {
    if (node.kind === "call" || node.kind === "asm") kept = true;
    else if (node.kind === "break" || node.kind === "return" || node.kind === "goto") leaves = true;
    else if (isMemoryAccess(node) && facts.isVolatile(node)) kept = true;
    const target = storedTo(node);
    if (target && !facts.isLocal(target)) storesToMemory = true;
  });
  // `while (1)` is endless; `do { … } while (0)` (a macro's statement wrapper) is no loop at all.
  const constant = test === null ? 1n : facts.constant(test);
  const endless = constant !== null && constant !== 0n && !leaves;
  return kept || endless || !storesToMemory;
}

/**
 * Whether the loop does something clang must do on every turn: a call, inline assembly or a
 * volatile access. Otherwise clang may work out the loop's result without it (a sum of the
 * counter becomes a formula), and the kernel never walks it.
 */
export function clangRunsEachTurn(loop: Stmt, facts: LoopFacts): boolean {
  let runs = false;
  walk(loop, (node) => {
    if (node.kind === "call" || node.kind === "asm") runs = true;
    else if (isMemoryAccess(node) && facts.isVolatile(node)) runs = true;
  });
  return runs;
}

function isMemoryAccess(node: Stmt | Expr): node is Expr {
  return (
    node.kind === "ident" ||
    node.kind === "member" ||
    node.kind === "index" ||
    (node.kind === "unary" && node.op === "*")
  );
}

/** The place an assignment or an increment stores to. */
function storedTo(node: Stmt | Expr): Expr | null {
  if (node.kind === "assign") return node.target;
  if (node.kind === "postfix") return node.operand;
  if (node.kind === "unary" && (node.op === "++" || node.op === "--")) return node.operand;
  return null;
}

/**
 * Whether a `for` loop's head is sure to be new each turn, so following it can find nothing:
 * its step moves a local by a constant (`i++`, `i -= 2`), its condition tests that local (so
 * the counter is bounded before it could wrap round), and nothing in the body stores to it.
 * The loops most programs write are these; not following them keeps the analysis quick.
 */
export function countsEachTurn(test: Expr | null, step: Expr | null, body: Stmt, facts: LoopFacts): boolean {
  const counter = step ? steppedLocal(step, facts) : null;
  if (!counter || !test) return false;
  let tested = false;
  walk(test, (node) => {
    if (node.kind === "ident" && node.name === counter) tested = true;
  });
  let touched = false;
  walk(body, (node) => {
    const target = storedTo(node) ?? (node.kind === "unary" && node.op === "&" ? node.operand : null);
    if (target?.kind === "ident" && target.name === counter) touched = true;
  });
  return tested && !touched;
}

/** The local a loop step moves by a constant, by name. */
function steppedLocal(step: Expr, facts: LoopFacts): string | null {
  const target = storedTo(step);
  if (!target || target.kind !== "ident" || !facts.isLocal(target) || facts.isVolatile(target)) return null;
  if (step.kind === "postfix" || step.kind === "unary") return target.name;
  if (step.kind === "assign" && (step.op === "+=" || step.op === "-=")) {
    const by = facts.constant(step.value);
    return by !== null && by !== 0n ? target.name : null;
  }
  return null;
}
