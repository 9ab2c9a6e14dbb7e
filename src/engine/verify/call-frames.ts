import type { Diagnostic } from "../diagnostics/diagnostic";
import { functionFacts } from "../loader/function-facts";
import type { Span } from "../source/source-file";
import type { BinaryOperator, CallExpr, Expr } from "../syntax/ast";
import { walk } from "../syntax/walk";
import { MAX_BPF_STACK, MAX_CALL_FRAMES } from "../target/kernel";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";
import { frameBytes, stackDiagnostic } from "./stack";

/** Operators LLVM's tail-recursion elimination accumulates through (associative and commutative). */
const accumulating = new Set<BinaryOperator>(["+", "*", "&", "|", "^"]);

interface SubprogramCall {
  readonly call: CallExpr;
  readonly callee: FunctionSymbol;
}

/**
 * The kernel's walk of a program's bpf2bpf calls (check_max_stack_depth), with the check the
 * verifier makes first while following each path (check_func_call): at most 8 frames deep, and
 * at most 512 bytes of stack in the frames of any chain of calls, each frame rounded up to 16
 * (the JIT's granularity). The walk follows calls, not values, so a function that calls itself
 * never ends it: BPF has no recursion, and the walk stops at the 8th frame. The exception is a
 * self call clang turns into a loop (`return f(n - 1);`), which leaves no call in the object.
 */
export function checkCallFrames(program: TypedProgram, entry: FunctionSymbol): Diagnostic | null {
  const passed = new Set<string>();
  const visit = (
    fn: FunctionSymbol,
    frame: number,
    below: number,
    path: readonly FunctionSymbol[],
    via: CallExpr | null,
  ): Diagnostic | null => {
    const depth = below + Math.ceil(frameBytes(program, fn) / 16) * 16;
    if (depth > MAX_BPF_STACK && via) return combinedStackError(program, via.span, path, depth);
    // Below a frame the walk has passed with the same depth and stack, it finds the same.
    const key = `${fn.name}:${frame}:${depth}`;
    if (passed.has(key)) return null;
    for (const { call, callee } of subprogramCalls(program, fn)) {
      const calleePath = [...path, callee];
      if (frame + 1 >= MAX_CALL_FRAMES) return tooDeepError(call.span, calleePath);
      const deeper = visit(callee, frame + 1, depth, calleePath, call);
      if (deeper) return deeper;
    }
    passed.add(key);
    return null;
  };
  return visit(entry, 0, 0, [entry], null);
}

/** The calls of a function that stay calls in clang's object: to subprograms not inlined. */
function subprogramCalls(program: TypedProgram, fn: FunctionSymbol): SubprogramCall[] {
  const eliminated = selfCallLoops(program, fn);
  const calls: SubprogramCall[] = [];
  for (const call of functionFacts(fn).calls) {
    if (call.callee.kind !== "ident" || eliminated.has(call)) continue;
    const callee = program.references[call.callee.id];
    if (callee?.kind !== "function" || !callee.definition || callee.section || callee.inline) continue;
    calls.push({ call, callee });
  }
  // In the order of the source, as clang's instructions have them and the kernel walks them.
  return calls.sort((a, b) => a.call.span.start - b.call.span.start);
}

/**
 * The calls of `fn` to itself that clang's tail-recursion elimination turns into a jump back to
 * the start: each the whole value of a `return`, or one side of an accumulating operator there
 * (`return f(n - 1) + x;`) when the other side can be computed before the call: constants and
 * the function's own scalars, nothing that reads memory or has an effect (measured with clang:
 * `+ bpf_get_prandom_u32()` and `fib(n - 1) + fib(n - 2)` keep a call, `* (k ^ n)` does not). It
 * needs every self call to qualify, and no local in memory: a local whose address may have
 * escaped could be read by the call, so LLVM keeps the frames apart (measured: with `&key`
 * passed to a helper, the call stays).
 */
export function selfCallLoops(program: TypedProgram, fn: FunctionSymbol): ReadonlyMap<CallExpr, Expr | null> {
  let loops = loopsOf.get(fn);
  if (!loops) {
    loops = findSelfCallLoops(program, fn);
    loopsOf.set(fn, loops);
  }
  return loops;
}

/** Each function's looped self calls, found once: the walk of the calls asks at every visit. */
const loopsOf = new WeakMap<FunctionSymbol, ReadonlyMap<CallExpr, Expr | null>>();

function findSelfCallLoops(program: TypedProgram, fn: FunctionSymbol): ReadonlyMap<CallExpr, Expr | null> {
  const none = new Map<CallExpr, Expr | null>();
  if (!fn.definition || frameBytes(program, fn) > 0) return none;
  const selfCalls = functionFacts(fn).calls.filter((call) => isCallOf(program, call, fn));
  if (selfCalls.length === 0) return none;
  // Each looped call, with the other operand of its accumulating operator (null for a bare call).
  const inTailPosition = new Map<CallExpr, Expr | null>();
  walk(fn.definition.body, (node) => {
    if (node.kind !== "return" || !node.value) return;
    const value = node.value;
    if (value.kind === "call" && isCallOf(program, value, fn)) inTailPosition.set(value, null);
    else if (value.kind === "binary" && accumulating.has(value.op)) {
      const [call, other] =
        value.left.kind === "call" && isCallOf(program, value.left, fn)
          ? [value.left, value.right]
          : [value.right, value.left];
      if (call.kind === "call" && isCallOf(program, call, fn) && movableAboveCall(program, other))
        inTailPosition.set(call, other);
    }
  });
  return selfCalls.every((call) => inTailPosition.has(call)) ? inTailPosition : none;
}

/** Whether an expression only computes on constants and the function's own scalars. */
function movableAboveCall(program: TypedProgram, expr: Expr): boolean {
  let movable = true;
  walk(expr, (node) => {
    switch (node.kind) {
      case "int":
      case "char":
      case "binary":
      case "cast":
      case "conditional":
      case "sizeof":
        return;
      case "unary":
        if (node.op === "*" || node.op === "&" || node.op === "++" || node.op === "--") movable = false;
        return;
      case "ident": {
        const symbol = program.references[node.id];
        const scalarLocal =
          symbol?.kind === "variable" &&
          (symbol.storage === "local" || symbol.storage === "param") &&
          (symbol.type.kind === "int" || symbol.type.kind === "pointer" || symbol.type.kind === "enum");
        if (!scalarLocal && symbol?.kind !== "enum-constant") movable = false;
        return;
      }
      default:
        movable = false;
    }
  });
  return movable;
}

function isCallOf(program: TypedProgram, call: CallExpr, fn: FunctionSymbol): boolean {
  return call.callee.kind === "ident" && program.references[call.callee.id] === fn;
}

function chain(path: readonly FunctionSymbol[]): string {
  return path.map((fn) => fn.name).join(" → ");
}

function tooDeepError(span: Span, path: readonly FunctionSymbol[]): Diagnostic {
  const callee = path[path.length - 1];
  const recursive = path.indexOf(callee) < path.length - 1;
  if (recursive)
    // The static walk's message: the verifier's own walk of the paths may finish first, when the
    // values bound the recursion, and then this walk, which follows calls whatever the values, fails.
    return stackDiagnostic(
      span,
      "verify",
      `the call stack of ${MAX_CALL_FRAMES} frames is too deep !`,
      `'${callee.name}' is called again before it returns (${chain(path.slice(path.indexOf(callee)))}): the kernel follows every bpf2bpf call and refuses a program whose calls nest more than ${MAX_CALL_FRAMES} frames deep, so BPF functions cannot recurse, whatever the values. Write the repetition as a bounded loop (clang does this itself only for a call that is the whole value of a return, in a function with no locals in memory).`,
    );
  return stackDiagnostic(
    span,
    "verify",
    `the call stack of ${MAX_CALL_FRAMES + 1} frames is too deep`,
    `This call would make ${MAX_CALL_FRAMES + 1} nested frames (${chain(path)}); the kernel allows ${MAX_CALL_FRAMES}. Mark some of these functions __always_inline, so they share their caller's frame, or call fewer functions in a chain.`,
  );
}

function combinedStackError(
  program: TypedProgram,
  span: Span,
  path: readonly FunctionSymbol[],
  depth: number,
): Diagnostic {
  const frames = path.map((fn) => `'${fn.name}' ${Math.ceil(frameBytes(program, fn) / 16) * 16}`).join(", ");
  return stackDiagnostic(
    span,
    "verify",
    `combined stack size of ${path.length} calls is ${depth}. Too large`,
    `With this call, the frames of one chain of calls hold ${depth} bytes of stack (${frames}; each rounded up to 16), and the kernel allows 512 for all of them together. Keep large buffers in a one-entry BPF_MAP_TYPE_PERCPU_ARRAY instead.`,
  );
}
