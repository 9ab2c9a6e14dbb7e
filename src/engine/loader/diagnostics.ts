import { type Diagnostic, diagnosticAt, type Fix } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";

/** A load-stage diagnostic in libbpf's words (libbpf ≥ 1.6 prints errno names like -E2BIG). */
export function loadError(span: Span, message: string, explanation: string, fix?: Fix): Diagnostic {
  return diagnosticAt(span, {
    severity: "error",
    stage: "load",
    message,
    explanation,
    ...(fix ? { fix } : {}),
  });
}
