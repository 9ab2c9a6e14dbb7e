import type { CallExpr, Identifier } from "../syntax/ast";
import { walk } from "../syntax/walk";
import type { FunctionSymbol } from "../types/symbols";

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
