import type { Diagnostic, Fix } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";

/** A load-stage diagnostic in libbpf's words (libbpf ≥ 1.6 prints errno names like -E2BIG). */
export function loadError(span: Span, message: string, explanation: string, fix?: Fix): Diagnostic {
  const from = span.file.position(span.start);
  const to = span.file.position(Math.max(span.end, span.start + 1));
  return {
    file: span.file.name,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    severity: "error",
    stage: "load",
    message,
    explanation,
    ...(fix ? { fix } : {}),
  };
}
