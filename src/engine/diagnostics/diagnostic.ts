import type { Span } from "../source/source-file";

/** Where in the pipeline a diagnostic was found; the run report's `error.stage` uses the same names. */
export type Stage = "preprocess" | "parse" | "type" | "load" | "verify" | "run";

export type Severity = "error" | "warning" | "note";

/** A replacement of a source range; `text` is inserted when the range is empty. */
export interface TextEdit {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** A secondary location, e.g. "expanded from macro 'SEC'" or "to match this '('". */
export interface DiagnosticNote {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** One message about the user's source. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly stage: Stage;
  readonly message: string;
  /** One sentence in plain words for a learner. */
  readonly explanation?: string;
  readonly fix?: Fix;
  readonly notes?: readonly DiagnosticNote[];
  /** A verifier refusal: the programs whose load it refuses. */
  readonly programs?: readonly string[];
}

/** A diagnostic covering a span of the source, at least one character wide (the squiggle). */
export function diagnosticAt(
  span: Span,
  about: Omit<Diagnostic, "file" | "line" | "column" | "endLine" | "endColumn">,
): Diagnostic {
  const from = span.file.position(span.start);
  const to = span.file.position(Math.max(span.end, span.start + 1));
  return {
    file: span.file.name,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    ...about,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** GCC style, as `check` prints it: `file:line:col: error: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`];
  for (const note of d.notes ?? [])
    lines.push(`${note.file}:${note.line}:${note.column}: note: ${note.message}`);
  return lines.join("\n");
}

/** Stable order for display and tests: by file, line, column, then as reported. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        a.d.file.localeCompare(b.d.file) || a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i,
    )
    .map(({ d }) => d);
}
