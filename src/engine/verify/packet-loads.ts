import type { ProgramKind } from "../loader/sections";
import { ldAbsWidth } from "../source/ld-abs";
import type { CallExpr } from "../syntax/ast";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";
import type { AbsValue } from "./abstract-values";
import type { Problem } from "./computed-offsets";

/** Program types whose context is an skb LD_ABS/LD_IND may read (verifier.c may_access_skb). */
const skbTypes = new Set(["socket_filter", "sched_cls", "sched_act"]);

/**
 * What check_ld_abs refuses in a `load_byte`/`load_half`/`load_word` (LD_ABS/LD_IND): a program
 * type other than a socket filter or tc, and an skb argument that is not the context, which
 * clang passes in R6. The loaded value is an unknown scalar to the verifier, bounds and all.
 */
export function packetLoadProblem(kind: ProgramKind | null, skb: AbsValue | undefined): Problem | null {
  if (kind && !skbTypes.has(kind.type))
    return {
      message: "BPF_LD_[ABS|IND] instructions not allowed for this program type",
      explanation: `load_byte, load_half and load_word are the classic socket-filter loads; only socket filters and tc programs may use them. A ${kind.type} program reads its packet through its context's data pointers or bpf_skb_load_bytes.`,
    };
  // Only a value known to be something else is refused (an unknown one may be the context).
  if (skb && skb.kind !== "ctx" && skb.kind !== "unknown")
    return {
      message: "at the time of BPF_LD_ABS|IND R6 != pointer to skb",
      explanation:
        "The first argument of load_byte, load_half and load_word must be the program's context (the skb it was given).",
    };
  return null;
}

/** The LD_ABS/LD_IND intrinsic a call names (`load_byte` …), if it does. */
export function packetLoadCallee(program: TypedProgram, expr: CallExpr): FunctionSymbol | null {
  if (expr.callee.kind !== "ident") return null;
  const symbol = program.references[expr.callee.id];
  return symbol?.kind === "function" && ldAbsWidth(symbol) ? symbol : null;
}
