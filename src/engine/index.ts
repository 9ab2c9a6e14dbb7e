// The engine's public API: the app (through its worker), the CLI and the tests use only this.

export { type CompileInput, type CompileResult, compile } from "./compile";
export type { Diagnostic, DiagnosticNote, Fix, Severity, Stage, TextEdit } from "./diagnostics/diagnostic";
export { formatDiagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic";
