import type { Diagnostic } from "../diagnostics/diagnostic";
import { emittedFunctions, functionFacts } from "../loader/function-facts";
import type { Span } from "../source/source-file";
import type { CallExpr, Expr } from "../syntax/ast";
import { walk } from "../syntax/walk";
import { MAX_BPF_FUNC_ARGS } from "../target/kernel";
import { atomicBuiltins } from "../types/builtins";
import { evaluateConstant } from "../types/constant";
import { type CType, sizeOf, unqualified } from "../types/ctypes";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";
import { attributeNamed } from "../types/type-builder";
import { stackDiagnostic } from "./stack";

const isAggregate = (type: CType) => unqualified(type).kind === "record";

/**
 * What clang's BPF backend refuses in a function it compiles as a function of its own, in
 * clang 14's words: more than five parameters, a struct or union returned or passed by value, a
 * variadic definition, and atomics it cannot compile. A function clang inlines has no such limits, so only those it must keep
 * count: `__noinline` ones and ones with external linkage (a plain `static` one, clang inlines
 * when it likes; Tailscope does not guess). Clang names its internal call node in the call
 * errors ("too many args to 0x…: i64 = GlobalAddress<…>"); Tailscope names the function.
 */
export function checkBackendLimits(program: TypedProgram): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const emitted = emittedFunctions(program);
  const callsTo = new Map<FunctionSymbol, CallExpr[]>();
  for (const fn of emitted)
    for (const call of functionFacts(fn).calls) {
      const callee = call.callee.kind === "ident" ? program.references[call.callee.id] : undefined;
      if (callee?.kind !== "function") continue;
      const list = callsTo.get(callee);
      if (list) list.push(call);
      else callsTo.set(callee, [call]);
    }
  for (const fn of emitted) {
    if (!fn.definition || fn.inline) continue;
    if (attributeNamed(fn.attributes, "noinline") === undefined && fn.isStatic) continue;
    const calls = (callsTo.get(fn) ?? []).sort((a, b) => a.span.start - b.span.start);
    const params = keptParameters(program, fn, calls);
    errors.push(...definitionErrors(fn, params));
    for (const call of calls) errors.push(...callErrors(fn, params, call.callee.span));
  }
  return [...errors, ...atomicErrors(program, emitted)];
}

/**
 * The parameter types a function keeps in clang's object. A static function loses, to LLVM's
 * constant propagation and dead-argument elimination, each parameter its body never reads and
 * each every call passes the same constant for (measured: `six(1, 2, 3, 4, 5, x)` compiles).
 */
function keptParameters(program: TypedProgram, fn: FunctionSymbol, calls: readonly CallExpr[]): CType[] {
  if (!fn.isStatic) return [...fn.type.params];
  const symbols = (program.locals.get(fn) ?? []).filter((local) => local.storage === "param");
  const read = new Set(functionFacts(fn).identifiers.map((id) => program.references[id.id]));
  return fn.type.params.filter((_, i) => {
    if (!read.has(symbols[i])) return false;
    const passed = calls.map((call) => (call.args[i] ? evaluateConstant(program, call.args[i]) : null));
    const first = passed[0];
    const sameConstant =
      first?.kind === "int" && passed.every((value) => value?.kind === "int" && value.value === first.value);
    return !sameConstant;
  });
}

/** Atomics clang 14's BPF backend (its default CPU) compiles for a value of less than 64 bits: an add whose result nobody reads (XADD). */
const addNames = new Set(["__sync_fetch_and_add", "__sync_add_and_fetch"]);
const subNames = new Set(["__sync_fetch_and_sub", "__sync_sub_and_fetch"]);

/**
 * GNU atomics on a value narrower than 64 bits, as clang 14 compiles them for BPF by default
 * (measured): an add whose result is thrown away is fine; its result read is a fatal backend
 * error; a subtract crashes the backend; every other one, and any on 8 or 16 bits, is refused.
 */
function atomicErrors(program: TypedProgram, emitted: ReadonlySet<FunctionSymbol>): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const fn of emitted) {
    if (!fn.definition) continue;
    const discarded = new Set<Expr>();
    walk(fn.definition.body, (node) => {
      if (node.kind !== "expr-stmt") return;
      const value = node.expr.kind === "cast" ? node.expr.operand : node.expr;
      discarded.add(value);
    });
    for (const call of functionFacts(fn).calls) {
      if (call.callee.kind !== "ident" || !atomicBuiltins.has(call.callee.name)) continue;
      const pointer = call.args[0] ? program.exprTypes[call.args[0].id] : undefined;
      const target =
        pointer && unqualified(pointer).kind === "pointer"
          ? (unqualified(pointer) as { to: CType }).to
          : null;
      const size = target ? sizeOf(target) : 8;
      if (size === 8) continue;
      const name = call.callee.name;
      if (size === 4 && addNames.has(name)) {
        if (!discarded.has(call))
          errors.push(
            stackDiagnostic(
              call.span,
              "type",
              "Invalid usage of the XADD return value",
              `clang 14's BPF backend turns a 32-bit ${name} into XADD, which returns nothing (clang stops with "fatal error: error in backend"). Make the value 64 bits (__u64) to read the old value, or drop the result.`,
            ),
          );
      } else if (size === 4 && subNames.has(name))
        errors.push(
          stackDiagnostic(
            call.span,
            "type",
            "Cannot select: a 32-bit atomic subtract",
            `clang 14's BPF backend has no instruction for ${name} on 32 bits and stops ("error in backend: Cannot select: … AtomicLoadSub"). Add the negated amount with __sync_fetch_and_add, or use a 64-bit value.`,
          ),
        );
      else
        errors.push(
          stackDiagnostic(
            call.span,
            "type",
            "Unsupported atomic operations, please use 64 bit version",
            `On a ${size * 8}-bit value clang 14's BPF backend compiles only an add whose result is unused. Make the value __u64.`,
          ),
        );
    }
  }
  return errors;
}

function definitionErrors(fn: FunctionSymbol, params: readonly CType[]): Diagnostic[] {
  const at = fn.definition?.declarator.nameSpan ?? fn.span;
  const errors: Diagnostic[] = [];
  if (fn.type.variadic || isAggregate(fn.type.returns))
    errors.push(
      stackDiagnostic(
        at,
        "type",
        "functions with VarArgs or StructRet are not supported",
        `'${fn.name}' ${fn.type.variadic ? "takes a variable number of arguments" : "returns a struct by value"}, which BPF cannot: a function returns one 64-bit register. Return the fields through a pointer argument, or mark it __always_inline.`,
      ),
    );
  if (params.length > MAX_BPF_FUNC_ARGS)
    errors.push(
      stackDiagnostic(
        at,
        "type",
        "defined with too many args",
        `'${fn.name}' takes ${params.length} arguments; BPF passes at most ${MAX_BPF_FUNC_ARGS}, in registers R1 to R5. Pass a pointer to a struct of them, or mark it __always_inline.`,
      ),
    );
  return errors;
}

function callErrors(callee: FunctionSymbol, params: readonly CType[], at: Span): Diagnostic[] {
  const errors: Diagnostic[] = [];
  if (params.length > MAX_BPF_FUNC_ARGS)
    errors.push(
      stackDiagnostic(
        at,
        "type",
        `too many args to '${callee.name}'`,
        `The call passes ${params.length} arguments; BPF has registers for ${MAX_BPF_FUNC_ARGS}.`,
      ),
    );
  if (params.some(isAggregate))
    errors.push(
      stackDiagnostic(
        at,
        "type",
        "pass by value not supported",
        `'${callee.name}' takes a struct by value, which BPF cannot pass in a register. Pass a pointer to it, or mark the function __always_inline.`,
      ),
    );
  return errors;
}
