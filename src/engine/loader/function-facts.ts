import type { CallExpr, Identifier } from "../syntax/ast";
import { walk } from "../syntax/walk";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";

/** The calls and identifiers in a function's body, gathered by one walk and reused by every check. */
export interface FunctionFacts {
  readonly calls: readonly CallExpr[];
  readonly identifiers: readonly Identifier[];
}

const cache = new WeakMap<FunctionSymbol, FunctionFacts>();
const none: FunctionFacts = { calls: [], identifiers: [] };

export function functionFacts(fn: FunctionSymbol): FunctionFacts {
  if (!fn.definition) return none;
  let facts = cache.get(fn);
  if (!facts) {
    const calls: CallExpr[] = [];
    const identifiers: Identifier[] = [];
    walk(fn.definition.body, (node) => {
      if (node.kind === "call") calls.push(node);
      else if (node.kind === "ident") identifiers.push(node);
    });
    facts = { calls, identifiers };
    cache.set(fn, facts);
  }
  return facts;
}

/**
 * The functions clang's object has code for: the programs and the functions with external
 * linkage, and every function they call (clang drops a static function nothing calls).
 */
export function emittedFunctions(program: TypedProgram): Set<FunctionSymbol> {
  const emitted = new Set<FunctionSymbol>();
  const pending = program.functions.filter((fn) => fn.definition && (fn.section !== null || !fn.isStatic));
  for (let fn = pending.pop(); fn !== undefined; fn = pending.pop()) {
    if (emitted.has(fn)) continue;
    emitted.add(fn);
    for (const call of functionFacts(fn).calls) {
      if (call.callee.kind !== "ident") continue;
      const callee = program.references[call.callee.id];
      if (callee?.kind === "function" && callee.definition && !emitted.has(callee)) pending.push(callee);
    }
  }
  return emitted;
}
