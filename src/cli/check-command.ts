import { basename } from "node:path";
import {
  compile,
  controlProblems,
  type Diagnostic,
  formatDiagnostic,
  hasErrors,
  type LoadedObject,
} from "../engine";
import type { LoadedInput } from "./sources";

/** A scenario's control-plane actions that bpftool would refuse, as errors at the scenario file. */
function controlDiagnostics(input: LoadedInput, object: LoadedObject | null): Diagnostic[] {
  if (!input.scenario || !object) return [];
  return controlProblems(object, input.scenario.control, input.scenario.cpus).map(({ action, error }) => ({
    file: basename(input.path),
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: "error",
    stage: "load",
    message: `control[${action}]: ${error}`,
  }));
}

/** `check`: diagnostics GCC-style or as JSON; exit 1 when any is an error. */
export function checkCommand(input: LoadedInput, json: boolean, write: (text: string) => void): number {
  const built = compile({ files: input.files, main: input.main, includeDirs: input.scenario?.includeDirs });
  const diagnostics = [...built.diagnostics, ...controlDiagnostics(input, built.object)];
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
