import type { Diagnostic } from "../diagnostics/diagnostic";
import { emittedFunctions, functionFacts } from "../loader/function-facts";
import type { Span } from "../source/source-file";
import type { CallExpr } from "../syntax/ast";
import { evaluateConstant } from "../types/constant";
import { type CType, unqualified } from "../types/ctypes";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";
import { attributeNamed } from "../types/type-builder";
import { stackDiagnostic } from "./stack";

/** BPF passes arguments in R1 to R5 and returns one value in R0. */
const MAX_BPF_ARGS = 5;

const isAggregate = (type: CType) => unqualified(type).kind === "record";

/**
 * What clang's BPF backend refuses in a function it compiles as a function of its own, in
 * clang 14's words: more than five parameters, a struct or union returned or passed by value, a
 * variadic definition. A function clang inlines has no such limits, so only those it must keep
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
      if (callee?.kind === "function") callsTo.set(callee, [...(callsTo.get(callee) ?? []), call]);
    }
  for (const fn of emitted) {
    if (!fn.definition || fn.inline) continue;
    if (attributeNamed(fn.attributes, "noinline") === undefined && fn.isStatic) continue;
    const calls = (callsTo.get(fn) ?? []).sort((a, b) => a.span.start - b.span.start);
    const params = keptParameters(program, fn, calls);
    errors.push(...definitionErrors(fn, params));
    for (const call of calls) errors.push(...callErrors(fn, params, call.callee.span));
  }
  return errors;
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
  if (params.length > MAX_BPF_ARGS)
    errors.push(
      stackDiagnostic(
        at,
        "type",
        "defined with too many args",
        `'${fn.name}' takes ${params.length} arguments; BPF passes at most ${MAX_BPF_ARGS}, in registers R1 to R5. Pass a pointer to a struct of them, or mark it __always_inline.`,
      ),
    );
  return errors;
}

function callErrors(callee: FunctionSymbol, params: readonly CType[], at: Span): Diagnostic[] {
  const errors: Diagnostic[] = [];
  if (params.length > MAX_BPF_ARGS)
    errors.push(
      stackDiagnostic(
        at,
        "type",
        `too many args to '${callee.name}'`,
        `The call passes ${params.length} arguments; BPF has registers for ${MAX_BPF_ARGS}.`,
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
