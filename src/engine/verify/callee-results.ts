import type { Diagnostic } from "../diagnostics/diagnostic";
import type { AbsValue } from "./abstract-values";
import type { AnalysisInput } from "./analysis-input";

/** Return values of callees already worked out, per verification (keyed by callee and arguments). */
const returnCaches = new WeakMap<AnalysisInput, Map<string, CalleeResult>>();

/** What following a call found: the value it returns (null: unknown), and refusals for the caller. */
export interface CalleeResult {
  readonly value: AbsValue | null;
  readonly errors: readonly Diagnostic[];
}

export function returnCache(input: AnalysisInput): Map<string, CalleeResult> {
  let cache = returnCaches.get(input);
  if (!cache) {
    cache = new Map();
    returnCaches.set(input, cache);
  }
  return cache;
}

/** An argument as far as a callee's analysis depends on it. */
export function argumentKey(value: AbsValue): string {
  switch (value.kind) {
    case "scalar":
      return `${value.min}..${value.max}`;
    case "ctx":
      return `ctx+${value.off}${value.variable ? "+var" : ""}`;
    case "stack":
      return `stack:${value.symbol.id}+${value.off}`;
    case "map_ptr":
      return `map:${value.map.name}${value.nullable ? "?" : ""}`;
    case "map_value":
      return `value:${value.name}+${value.off}${value.nullable ? "?" : ""}`;
    case "packet":
      return `packet+${value.off}`;
    case "btf":
      return `btf:${value.struct}+${value.off}${value.nullable ? "?" : ""}`;
    default:
      return value.kind;
  }
}

/**
 * Refusals that depend on what a caller passes an inlined function, which its own analysis
 * (with unknown parameters) cannot see: reads and writes through BTF-typed kernel memory, as in
 * the body BPF_PROG wraps (a congestion control's stores into its socket among them). The
 * caller reports them.
 */
const BTF_REFUSALS: ReadonlySet<string> = new Set([
  "only read is supported",
  "invalid mem access 'trusted_ptr_or_null_'",
]);

export function isBtfRefusal(message: string): boolean {
  return (
    BTF_REFUSALS.has(message) ||
    message.startsWith("no write support to tcp_sock at off ") ||
    /^write access at off \d+ with size \d+ beyond the member of tcp_sock/.test(message)
  );
}
