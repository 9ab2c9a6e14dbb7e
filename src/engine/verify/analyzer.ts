import { type Diagnostic, diagnosticAt } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";
import type { Expr, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
import { type CType, integerOf, isInteger, sizeOf } from "../types/ctypes";
import type { FunctionSymbol } from "../types/symbols";
import { attributeNamed } from "../types/type-builder";
import { type AbsValue, anyScalar, join, typeRange, unknown } from "./abstract-values";
import { BranchAnalyzer } from "./branch-analysis";
import { callbackReturnProblem } from "./callbacks";
import { argumentKey, isBtfRefusal, returnCache } from "./callee-results";
import { contextArgument } from "./context-access";
import { Environment, joinAll, joinEnvironments } from "./environment";
import {
  clangKeepsLoop,
  clangRunsEachTurn,
  countsEachTurn,
  ITERATIONS_FOLLOWED,
  type LoopFacts,
  STATEMENTS_FOLLOWED,
} from "./loop-termination";
import { mostTurns, strideOf, walkVerdict } from "./loop-walk";
import { returnRangeProblem } from "./return-range";
import { unreleasedProblem } from "./ringbuf-records";
import { exitWhileLocked } from "./spin-locks";

export type { AnalysisInput, GlobalPlacement } from "./analysis-input";

interface Loop {
  breaks: (Environment | null)[];
  continues: (Environment | null)[];
}

/**
 * Times a loop's body is analysed before its state must have settled. The kernel walks a loop
 * by unrolling it, state by state, until a state repeats (or a million instructions pass);
 * Tailscope joins the states instead, so it needs a fixed point, not an unrolled walk. Two plain
 * joins let a counter's bound and a pointer's NULL-ness settle, as they do for the loops real
 * programs write (a bounded `for`, a `while (p)` walk); the passes after that widen whatever
 * still grows (see `widen`), which always settles on the next pass. Four is the least that
 * gives both their turn: raising it changes no verdict of the corpus, only the time taken.
 */
const MAX_LOOP_PASSES = 4;

/**
 * Statements the analysis of one function may visit. Every pass over a loop visits its body
 * again, so loops nested ten deep cost 4^10 passes of the innermost: past this budget Tailscope
 * stops checking the function and says so (a warning), rather than hang. The kernel has a budget
 * too (a million instructions processed), but Tailscope's count is of statements, not the
 * kernel's instructions, so it cannot claim the kernel's refusal.
 */
export const MAX_ANALYSED_STATEMENTS = 50_000;

/** The context types of the program kinds: a pointer to one is the context, not memory. */
const contextStructs = new Set([
  "__sk_buff",
  "xdp_md",
  "bpf_sock_addr",
  "bpf_sock_ops",
  "sk_msg_md",
  "bpf_sock",
]);

/**
 * Whether the kernel verifies a function in its caller's state: a static one, and one of hidden
 * visibility (`__hidden`, as libbpf's usdt.bpf.h declares its functions), which libbpf marks
 * static in the BTF it loads. Other global functions are verified on their own.
 */
function verifiedAsStatic(fn: FunctionSymbol): boolean {
  if (fn.isStatic) return true;
  const visibility = attributeNamed(fn.attributes, "visibility")?.args[0];
  return visibility?.kind === "string" && String.fromCharCode(...visibility.bytes) === "hidden";
}

/** Calls followed into their callees for a return value: deeper ones return their type's range. */
const MAX_CALLS_FOLLOWED = 4;

/** The kernel's words for a loop that comes back to its head unchanged. */
const INFINITE_LOOP = "infinite loop detected";

/** Thrown when the analysis of a function passes MAX_ANALYSED_STATEMENTS. */
class AnalysisBudgetExceeded {}

/**
 * Walks one function the way the kernel's verifier walks its instructions: every path, with
 * what each local may hold, narrowed by the branches taken (a NULL check, a `data_end` check, a
 * bound). Errors are the kernel's messages at the statement that would fail; the kernel stops
 * at its first, so `firstError` is what a load of this program reports.
 */
export class FunctionAnalyzer extends BranchAnalyzer {
  private readonly loops: Loop[] = [];
  /** A helper's callback (bpf_loop's …): it must return 0 or 1. */
  isCallback = false;
  private switchEntry: Environment | null = null;

  /** Walks the function; `args` are what a caller passes, when it is analysed as part of a call. */
  run(args?: readonly AbsValue[]): void {
    if (!this.fn.definition) return;
    const env = new Environment();
    const params = (this.input.program.locals.get(this.fn) ?? []).filter((s) => s.storage === "param");
    params.forEach((param, i) => {
      const passed = args?.[i];
      const value = passed
        ? this.assignable(passed, param.type)
        : (contextArgument(this.kind, this.isEntry, param.type) ??
          this.globalArgument(param.type) ??
          this.valueOfType(param.type));
      env.set(param, this.isEntry && i === 0 ? { kind: "ctx", off: 0 } : value);
    });
    try {
      this.exec(this.fn.definition.body, env);
    } catch (error) {
      if (!(error instanceof AnalysisBudgetExceeded)) throw error;
      this.gaveUp = true;
    }
  }

  /**
   * A pointer argument of a global function, verified on its own: memory of its pointee's size,
   * or NULL. Pointers to void or to the context are left untracked (the kernel treats the
   * context as the context, and a void pointer's size is not known).
   */
  private globalArgument(type: CType): AbsValue | null {
    if (this.isEntry || verifiedAsStatic(this.fn) || this.fn.inline || type.kind !== "pointer") return null;
    const to = type.to;
    if (to.kind === "void" || to.kind === "function") return null;
    if (to.kind === "record" && (!to.record.complete || contextStructs.has(to.record.tag ?? ""))) return null;
    const size = sizeOf(to);
    if (size <= 0) return null;
    return { kind: "mem", size, off: 0, nullable: true, id: this.nextLookupId++ };
  }

  /** The analysis stopped at its budget: nothing is known about the rest of the function. */
  gaveUp = false;
  private visited = 0;

  /**
   * The error a load reports: the first in the source, except that a loop found never to end
   * comes after the others. The kernel finds it only when a path comes round the loop a second
   * time, and by then it has walked the loop's exit first (clang puts the exit on the branch's
   * fall-through, which the kernel follows before the jump back).
   */
  firstError(): Diagnostic | null {
    const late = (d: Diagnostic) => (d.message === INFINITE_LOOP ? 1 : 0);
    return (
      [...this.errors].sort(
        (a, b) => late(a) - late(b) || a.line - b.line || a.column - b.column || a.file.localeCompare(b.file),
      )[0] ?? null
    );
  }

  // ---- statements ----

  protected exec(stmt: Stmt, env: Environment | null): Environment | null {
    if (++this.visited > MAX_ANALYSED_STATEMENTS) throw new AnalysisBudgetExceeded();
    switch (stmt.kind) {
      case "compound": {
        let current = env;
        for (const item of stmt.items) current = this.exec(item, current);
        return current;
      }
      case "declaration":
        if (!env) return env;
        for (const declarator of stmt.declarators) {
          const symbol = this.input.program.declared.get(declarator);
          if (!symbol || symbol.storage === "global") continue;
          if (declarator.init && declarator.init.kind !== "init-list")
            this.storeLocal(env, symbol, this.eval(declarator.init, env, true));
          else env.set(symbol, unknown);
        }
        return env;
      case "expr-stmt":
        if (env) this.eval(stmt.expr, env, true);
        return env;
      case "if": {
        if (!env) return env;
        const [whenTrue, whenFalse] = this.branch(stmt.test, env);
        const afterThen = this.exec(stmt.then, whenTrue);
        const afterElse = stmt.otherwise ? this.exec(stmt.otherwise, whenFalse) : whenFalse;
        return joinEnvironments(afterThen, afterElse);
      }
      case "while":
        return this.loop(stmt, env, stmt.test, stmt.body, null, false);
      case "do-while":
        return this.loop(stmt, env, stmt.test, stmt.body, null, true);
      case "for": {
        if (!env) return env;
        if (stmt.init) {
          if (stmt.init.kind === "declaration") this.exec(stmt.init, env);
          else this.eval(stmt.init as Expr, env, true);
        }
        return this.loop(stmt, env, stmt.test, stmt.body, stmt.step, false);
      }
      case "switch": {
        if (!env) return env;
        this.eval(stmt.test, env);
        const outer = this.switchEntry;
        this.switchEntry = env;
        this.loops.push({ breaks: [], continues: [] });
        const end = this.exec(stmt.body, null);
        const loop = this.loops.pop() as Loop;
        this.switchEntry = outer;
        // Without a `default`, the switch may match nothing: the entry state falls out.
        return joinAll([end, ...loop.breaks, env]);
      }
      case "case":
      case "default":
        return this.exec(stmt.body, joinEnvironments(env, this.switchEntry?.clone() ?? null));
      case "break":
        this.loops[this.loops.length - 1]?.breaks.push(env);
        return null;
      case "continue":
        for (let i = this.loops.length - 1; i >= 0; i--) {
          this.loops[i].continues.push(env);
          break;
        }
        return null;
      case "return":
        if (env && stmt.value) {
          const value = this.eval(stmt.value, env);
          this.returned.push(value);
          if (this.isEntry) this.report(stmt.span, exitWhileLocked(env) ?? unreleasedProblem(env));
          this.checkReturn(stmt.value, value);
        }
        return null;
      case "goto":
        if (env) this.gotoStates(stmt.label).push(env);
        return null;
      case "labeled": {
        // Reached by falling into it and by the gotos before it: their states join. A label a
        // goto jumps back to is a loop Tailscope does not follow: it forgets what the path knew.
        // The gotos' states come first: the kernel walks a jump's path before the fall-through's.
        const arriving = this.jumpsBack(stmt.label) ? null : [...this.gotoStates(stmt.label), env];
        return this.exec(stmt.body, arriving ? joinAll(arriving) : new Environment());
      }
      default:
        return env;
    }
  }

  private loop(
    stmt: Stmt,
    env: Environment | null,
    test: Expr | null,
    body: Stmt,
    step: Expr | null,
    bodyFirst: boolean,
  ): Environment | null {
    if (!env) return env;
    if (!this.following && !this.followed.has(stmt)) {
      this.followed.add(stmt);
      const facts = this.loopFacts();
      const kept = clangKeepsLoop(stmt, test, facts);
      const counted = countsEachTurn(test, step, body, facts);
      if (counted && test && step && clangRunsEachTurn(stmt, facts))
        this.checkWalkLength(stmt, env, test, step, body);
      if (kept && !counted && this.comesBackUnchanged(env, test, body, step, bodyFirst))
        this.error(
          stmt.span,
          INFINITE_LOOP,
          "Each time round, the loop comes back to its start in a state the verifier has already seen, so nothing it can see will ever make the loop stop. Make the condition depend on a counter that changes each time round (a local, not a volatile or a value read from memory).",
          undefined,
        );
    }
    const exits: (Environment | null)[] = [];
    let entry: Environment = env;
    for (let pass = 0; pass < MAX_LOOP_PASSES; pass++) {
      let inside: Environment | null = entry.clone();
      if (!bodyFirst || pass > 0) {
        const [whenTrue, whenFalse] = test ? this.branch(test, entry.clone()) : [entry.clone(), null];
        exits.push(whenFalse);
        inside = whenTrue;
      }
      this.loops.push({ breaks: [], continues: [] });
      const bodyEnd = this.exec(body, inside);
      const loop = this.loops.pop() as Loop;
      exits.push(...loop.breaks);
      let next = joinAll([bodyEnd, ...loop.continues]);
      if (next && step) this.eval(step, next, true);
      if (bodyFirst && pass === 0 && test && next) {
        const [again, out] = this.branch(test, next);
        exits.push(out);
        next = again;
      }
      const joined = joinEnvironments(entry, next) as Environment;
      if (joined.equals(entry)) break;
      // Bounds that still grow are let go: the kernel would go on unrolling, Tailscope stops guessing.
      entry = pass >= MAX_LOOP_PASSES - 2 ? widen(entry, joined) : joined;
    }
    return joinAll(exits);
  }

  /**
   * A counted loop the kernel walks turn by turn (see loop-walk.ts): refused when it may take so
   * many turns that the walk surely passes a million instructions, in the words of the limit it
   * meets first; past 8192 turns, where the verdict depends on clang's instructions, loaded with
   * a warning.
   */
  private checkWalkLength(stmt: Stmt, env: Environment, test: Expr, step: Expr, body: Stmt): void {
    if (test.kind !== "binary") return;
    const stride = strideOf(step, (expr) => this.constant(expr));
    const target =
      step.kind === "assign"
        ? step.target
        : step.kind === "postfix" || step.kind === "unary"
          ? step.operand
          : null;
    const counter = target ? this.localOf(target) : null;
    if (!stride || !counter) return;
    const counterOnLeft = this.localOf(test.left) === counter;
    if (counterOnLeft === (this.localOf(test.right) === counter)) return;
    const start = env.get(counter);
    const boundExpr = counterOnLeft ? test.right : test.left;
    const bound = this.evalQuietly(boundExpr, env);
    if (start?.kind !== "scalar" || bound.kind !== "scalar") return;
    const turns = mostTurns(test.op, counterOnLeft, start, bound, stride);
    const verdict = turns === null ? null : walkVerdict(turns, body, spanText(boundExpr.span), counter.name);
    if (verdict?.severity === "warning")
      this.warnings.push(diagnosticAt(stmt.span, { ...verdict, severity: "warning", stage: "verify" }));
    else if (verdict) this.error(stmt.span, verdict.message, verdict.explanation, undefined);
  }

  /** The states of the paths that reached each `goto label;` so far. */
  private readonly gotos = new Map<string, Environment[]>();
  /** Labels that a goto after them jumps back to. */
  private backwardLabels: Set<string> | null = null;

  private gotoStates(label: string): Environment[] {
    let states = this.gotos.get(label);
    if (!states) {
      states = [];
      this.gotos.set(label, states);
    }
    return states;
  }

  private jumpsBack(label: string): boolean {
    if (!this.backwardLabels) {
      const labels = new Map<string, number>();
      const gotos: { label: string; at: number }[] = [];
      const body = this.fn.definition?.body;
      if (body)
        walk(body, (node) => {
          if (node.kind === "labeled") labels.set(node.label, node.span.start);
          else if (node.kind === "goto") gotos.push({ label: node.label, at: node.span.start });
        });
      this.backwardLabels = new Set(
        gotos.filter((g) => g.at > (labels.get(g.label) ?? Number.POSITIVE_INFINITY)).map((g) => g.label),
      );
    }
    return this.backwardLabels.has(label);
  }

  /** The values of the function's `return` statements, on every path walked. */
  private readonly returned: AbsValue[] = [];
  /** How many calls deep this analysis is, when it is analysing a callee for its caller. */
  private callDepth = 0;

  /**
   * What a static function returns when called with `args`: the kernel verifies a static
   * subprogram in its caller's state and keeps R0's bounds, and clang inlines most of them, so
   * the constants they return reach the caller. A global function is verified on its own, and
   * returns an unknown scalar. Only scalars are carried back (a pointer's lookup id belongs to
   * the callee's analysis).
   */
  protected returnOf(callee: FunctionSymbol, args: readonly AbsValue[]): AbsValue | null {
    if (!verifiedAsStatic(callee) || this.callDepth >= MAX_CALLS_FOLLOWED || callee === this.fn) return null;
    const key = `${callee.id}(${args.map(argumentKey).join(",")})`;
    const cache = returnCache(this.input);
    let result = cache.get(key);
    if (!result) {
      const analysis = new FunctionAnalyzer(this.input, callee, this.kind, false);
      analysis.callDepth = this.callDepth + 1;
      analysis.run(args);
      const scalars = analysis.returned.every((v) => v.kind === "scalar");
      const value =
        analysis.gaveUp || !scalars || analysis.returned.length === 0
          ? null
          : this.assignable(
              analysis.returned.reduce<AbsValue>((a, b) => join(a, b), analysis.returned[0]),
              callee.type.returns,
            );
      const errors = callee.inline ? analysis.errors.filter((e) => isBtfRefusal(e.message)) : [];
      result = { value, errors };
      cache.set(key, result);
    }
    for (const error of result.errors)
      if (!this.errors.some((e) => e.line === error.line && e.message === error.message))
        this.errors.push(error);
    return result.value;
  }

  /** Loops already followed for termination, each once (an outer loop's passes revisit them). */
  private readonly followed = new Set<Stmt>();
  /** Set while a loop is followed: the loops inside it are analysed, not followed again. */
  private following = false;

  /**
   * Follows a loop iteration by iteration from `env`, as the kernel walks it, and says whether it
   * comes back to its head in a state it was in before (see loop-termination.ts). What the
   * iterations find is not reported: the analysis proper does that once.
   */
  private comesBackUnchanged(
    env: Environment,
    test: Expr | null,
    body: Stmt,
    step: Expr | null,
    bodyFirst: boolean,
  ): boolean {
    const [said, visited] = [this.errors.length, this.visited];
    const inScope = new Set(env.locals.keys());
    const heads: Environment[] = [];
    this.following = true;
    try {
      let head: Environment | null = env.clone();
      for (let i = 0; i < ITERATIONS_FOLLOWED && head; i++) {
        heads.push(head);
        const inside: Environment | null =
          (bodyFirst && i === 0) || !test ? head.clone() : this.branch(test, head.clone())[0];
        if (!inside) return false;
        this.loops.push({ breaks: [], continues: [] });
        const bodyEnd = this.exec(body, inside);
        const loop = this.loops.pop() as Loop;
        head = joinAll([bodyEnd, ...loop.continues]);
        if (head && step) this.eval(step, head, true);
        // Back at the head only if the test lets the path go round again (never in `while (0)`).
        const again = head && test ? this.branch(test, head.clone())[0] : head;
        if (again && heads.some((earlier) => (head as Environment).sameAtLoopHead(earlier, inScope)))
          return true;
        if (this.visited - visited > STATEMENTS_FOLLOWED) return false;
      }
      return false;
    } catch (error) {
      if (error instanceof AnalysisBudgetExceeded) return false;
      throw error;
    } finally {
      this.following = false;
      this.errors.length = said;
      this.visited = visited;
    }
  }

  private loopFacts(): LoopFacts {
    return {
      isLocal: (expr) => this.localOf(expr) !== null,
      isVolatile: (expr) => this.typeOf(expr)?.volatile === true,
      constant: (expr) => this.constant(expr),
    };
  }

  private checkReturn(value: Expr, returned: AbsValue): void {
    if (this.isCallback && returned.kind === "scalar")
      this.report(value.span, callbackReturnProblem(returned));
    if (!this.isEntry || !this.kind || returned.kind !== "scalar") return;
    this.report(value.span, returnRangeProblem(this.kind, sizeOf(this.fn.type.returns), returned));
  }
}

/** The source text of a span, on one line, for messages. */
function spanText(span: Span): string {
  return span.file.text.slice(span.start, span.end).replace(/\s+/g, " ");
}

/** Scalars whose bounds still change after a few passes over a loop lose them. */
function widen(before: Environment, after: Environment): Environment {
  const widened = after.clone();
  for (const [symbol, value] of after.locals) {
    const old = before.get(symbol);
    if (
      value.kind === "scalar" &&
      (!old || old.kind !== "scalar" || old.min !== value.min || old.max !== value.max)
    ) {
      const type = symbol.type;
      widened.set(
        symbol,
        isInteger(type) ? typeRange(integerOf(type).size, integerOf(type).signed) : anyScalar,
      );
    }
  }
  return widened;
}
