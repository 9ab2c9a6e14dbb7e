import { compile, formatDiagnostic, hasErrors } from "../engine";
import type { LoadedInput } from "./sources";

/** `check`: diagnostics GCC-style or as JSON; exit 1 when any is an error. */
export function checkCommand(input: LoadedInput, json: boolean, write: (text: string) => void): number {
  const { diagnostics } = compile({ files: input.files, main: input.main });
  if (json) {
    const listed = diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      stage: d.stage,
      message: d.message,
      ...(d.explanation ? { explanation: d.explanation } : {}),
    }));
    write(`${JSON.stringify({ diagnostics: listed }, null, 2)}\n`);
  } else {
    for (const d of diagnostics) write(`${formatDiagnostic(d)}\n`);
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    if (errors > 0) write(`${errors} error${errors === 1 ? "" : "s"} generated.\n`);
  }
  return hasErrors(diagnostics) ? 1 : 0;
}
