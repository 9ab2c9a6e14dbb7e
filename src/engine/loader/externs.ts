import type { Diagnostic } from "../diagnostics/diagnostic";
import { ldAbsWidth } from "../source/ld-abs";
import type { Expr, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
import { builtinFunctions, libraryBuiltins } from "../types/builtins";
import { evaluateConstant } from "../types/constant";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";
import { loadError } from "./diagnostics";
import { emittedFunctions, functionFacts } from "./function-facts";

function integerValue(program: TypedProgram, expr: Expr): bigint | null {
  const value = evaluateConstant(program, expr);
  return value?.kind === "int" ? value.value : null;
}

const memcmpNames = new Set(["__builtin_memcmp", "memcmp"]);

function memcmpCall(expr: Expr | null): (Expr & { kind: "call" }) | null {
  if (expr?.kind !== "call" || expr.callee.kind !== "ident") return null;
  return memcmpNames.has(expr.callee.name) ? expr : null;
}

/** The calls whose result is only tested against zero: `!m`, `m == 0`, `if (m)`, `m && …`. */
function usedAsTruthValue(root: Stmt, program: TypedProgram): Set<Expr> {
  const tested = new Set<Expr>();
  const mark = (expr: Expr | null) => {
    const call = memcmpCall(expr);
    if (call) tested.add(call);
  };
  const isZero = (expr: Expr) => integerValue(program, expr) === 0n;
  walk(root, (node) => {
    switch (node.kind) {
      case "unary":
        if (node.op === "!") mark(node.operand);
        break;
      case "binary":
        if (node.op === "&&" || node.op === "||") {
          mark(node.left);
          mark(node.right);
        } else if (node.op === "==" || node.op === "!=") {
          if (isZero(node.right)) mark(node.left);
          if (isZero(node.left)) mark(node.right);
        }
        break;
      case "if":
      case "while":
      case "do-while":
      case "for":
      case "conditional":
        mark(node.test);
        break;
    }
  });
  return tested;
}

/**
 * clang's BPF backend expands `memcmp` inline only when it is cheap: a length of 0 or 1, or 2 or
 * 4 bytes whose result is only tested against zero. Anything else stays a call to an extern
 * `memcmp`, which libbpf cannot resolve, so the object fails to load (checked with clang 14 and
 * libbpf 1.1).
 */
export function checkUnresolvedExterns(program: TypedProgram, diagnostics: Diagnostic[]): void {
  for (const fn of program.functions) {
    if (!fn.definition) continue;
    const calls = functionFacts(fn).calls.filter((call) => memcmpCall(call) !== null);
    if (calls.length === 0) continue;
    const tested = usedAsTruthValue(fn.definition.body, program);
    for (const call of calls) {
      if (call.args.length !== 3) continue;
      const size = integerValue(program, call.args[2]);
      if (size !== null && (size <= 1n || ((size === 2n || size === 4n) && tested.has(call)))) continue;
      diagnostics.push(
        loadError(
          call.span,
          "failed to find BTF for extern 'memcmp': -ENOENT",
          "clang inlines memcmp only for 1 byte, or 2 or 4 bytes compared with zero; otherwise it emits a call to a C library function that BPF programs do not have. Compare the bytes in a loop, or as integers.",
        ),
      );
    }
  }
}

/**
 * A function called but defined nowhere (`bpf_htonl` without <bpf/bpf_endian.h>, an extern of
 * another object) stays an extern in clang's object, and libbpf, finding no BTF for it in the
 * kernel, fails the load (measured: libbpf 1.1 prints `failed to find BTF for extern 'bpf_htonl':
 * -2`; 1.6 and later name the errno). Only code clang emits counts: the programs, functions with
 * external linkage, and what they call. Compiler builtins and the library functions clang
 * expands (memset, memcpy, memmove; memcmp has its own rule above) are not externs, nor are
 * `__ksym` kernel functions, which libbpf resolves against the kernel's BTF.
 */
export function checkUndefinedFunctions(program: TypedProgram, diagnostics: Diagnostic[]): void {
  const reported = new Set<FunctionSymbol>();
  for (const fn of emittedFunctions(program)) {
    const calls = [...functionFacts(fn).calls].sort((a, b) => a.span.start - b.span.start);
    for (const call of calls) {
      if (call.callee.kind !== "ident") continue;
      const callee = program.references[call.callee.id];
      if (callee?.kind !== "function" || callee.definition || reported.has(callee)) continue;
      if (builtinFunctions.has(callee.name) || libraryBuiltins.has(callee.name)) continue;
      if (callee.section === ".ksyms" || ldAbsWidth(callee)) continue;
      reported.add(callee);
      diagnostics.push(
        loadError(
          call.callee.span,
          `failed to find BTF for extern '${callee.name}': -ENOENT`,
          `'${callee.name}' is declared (or called) but defined nowhere in this program, so the object keeps a call to an outside function; BPF has no linker for it and the kernel has no such function. Define it, or include the header that does (bpf_htonl and friends are macros in <bpf/bpf_endian.h>).`,
        ),
      );
    }
  }
}
