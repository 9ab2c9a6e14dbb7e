import type { Severity } from "../diagnostics/diagnostic";
import type { SourceFile } from "../source/source-file";
import { isPunct, type Token, userSpan } from "./token";

/** Where a warning group is silenced (`#pragma GCC diagnostic ignored "-Wint-conversion"`). */
export interface Silenced {
  /** The group without `-W`: `int-conversion`, or `everything`. */
  readonly group: string;
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

export type PragmaReporter = (token: Token, severity: Severity, message: string) => void;

/**
 * Acts on the pragmas of the preprocessed tokens, in their order, and drops them: `#pragma` lines
 * come here as `_Pragma("…")`, as clang treats both. `GCC diagnostic push`, `pop` and
 * `ignored "-Wgroup"` (or their `clang` spelling) silence warning groups over the tokens between;
 * `GCC error "…"` and `GCC warning "…"` report where they are expanded (libbpf's bpf_tracing.h
 * uses one when no target architecture is given). Other pragmas (`unroll`, `once` …) have no
 * effect on meaning here.
 */
export function applyPragmas(
  tokens: readonly Token[],
  report: PragmaReporter,
): { tokens: Token[]; silenced: Silenced[] } {
  const out: Token[] = [];
  const silenced: Silenced[] = [];
  // The ranges being extended; any pragma closes them, so that a range never spans one.
  const open = new Map<string, { file: SourceFile; start: number; end: number }>();
  const saved: Set<string>[] = [];
  let ignored = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const operand = pragmaOperand(tokens, i);
    if (operand) {
      i = operand.close;
      open.clear();
      const words = operand.text.trim().split(/\s+/);
      const [compiler, kind] = words;
      if (compiler !== "GCC" && compiler !== "clang") continue;
      const argument = quoted(operand.text);
      if (kind === "error" || kind === "warning") report(t, kind, argument ?? "");
      if (kind !== "diagnostic") continue;
      const action = words[2];
      const group = argument?.replace(/^-W/, "");
      if (action === "push") saved.push(new Set(ignored));
      else if (action === "pop") ignored = saved.pop() ?? ignored;
      else if (action === "ignored" && group) ignored = new Set([...ignored, group]);
      else if ((action === "warning" || action === "error") && group)
        ignored = new Set([...ignored].filter((g) => g !== group));
      continue;
    }
    if (ignored.size > 0) silence(open, silenced, ignored, t);
    out.push(t);
  }
  return { tokens: out, silenced };
}

/** `_Pragma ( "…" )` at `i`: the string's text and the index of `)`. */
function pragmaOperand(tokens: readonly Token[], i: number): { text: string; close: number } | null {
  const t = tokens[i];
  if (t.kind !== "ident" || t.text !== "_Pragma" || !isPunct(tokens[i + 1] ?? t, "(")) return null;
  const literal = tokens[i + 2];
  const close = tokens[i + 3];
  if (!literal || literal.kind !== "string" || !close || !isPunct(close, ")")) return null;
  return { text: destringize(literal.text), close: i + 3 };
}

/** C99 6.10.9: the string literal without its quotes, `\"` and `\\` unescaped. */
function destringize(literal: string): string {
  return literal
    .replace(/^L?"/, "")
    .replace(/"$/, "")
    .replace(/\\(["\\])/g, "$1");
}

/** The first "quoted" argument of a pragma, unescaped once more. */
function quoted(text: string): string | null {
  const match = /"((?:[^"\\]|\\.)*)"/.exec(text);
  return match ? match[1].replace(/\\(["\\])/g, "$1") : null;
}

/** Extends the open ranges over the text the user wrote for `token`, or opens new ones. */
function silence(
  open: Map<string, { file: SourceFile; start: number; end: number }>,
  silenced: Silenced[],
  groups: ReadonlySet<string>,
  token: Token,
): void {
  const span = userSpan(token);
  for (const group of groups) {
    const range = open.get(group);
    if (range && range.file === span.file && span.start >= range.start) {
      range.end = Math.max(range.end, span.end);
      continue;
    }
    const opened = { group, file: span.file, start: span.start, end: span.end };
    open.set(group, opened);
    silenced.push(opened);
  }
}
