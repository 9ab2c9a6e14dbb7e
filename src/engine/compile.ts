import { type Diagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic";
import { preprocess } from "./preprocess/preprocessor";
import { VirtualFileSystem } from "./source/file-system";
import { implicitHeaders } from "./source/headers";
import { parse } from "./syntax/parser";
import { check } from "./types/checker";
import type { TypedProgram } from "./types/symbols";

export interface CompileInput {
  /** Source files by name; `#include "x.h"` finds its siblings here. */
  readonly files: Readonly<Record<string, string>>;
  /** The .c file the build starts from. */
  readonly main: string;
}

export interface CompileResult {
  /** The typed program, or null when the source could not be parsed. */
  readonly program: TypedProgram | null;
  /** Every stage's diagnostics, sorted by file and position. */
  readonly diagnostics: Diagnostic[];
  /** User files that took part in the build. */
  readonly files: string[];
}

/** Front to back: preprocess, parse, check. Each stage reports; nothing throws on bad input. */
export function compile(input: CompileInput): CompileResult {
  const fs = new VirtualFileSystem(input.files);
  const preprocessed = preprocess(fs, input.main, { implicitIncludes: implicitHeaders });
  const parsed = parse(preprocessed.tokens);
  const program = check(parsed.unit);
  const diagnostics = [...preprocessed.diagnostics, ...parsed.diagnostics, ...program.diagnostics];
  const note = implicitIncludeNote(input, preprocessed.includedHeaders);
  if (note) diagnostics.push(note);
  return { program, diagnostics: sortDiagnostics(diagnostics), files: preprocessed.files };
}

/** Tells the user which headers Tailscope supplied, with a fix that writes the #include lines. */
function implicitIncludeNote(input: CompileInput, included: readonly string[]): Diagnostic | null {
  const missing = implicitHeaders.filter((h) => !included.includes(h));
  if (missing.length === 0) return null;
  const lines = missing.map((h) => `#include <${h}>`);
  return {
    file: input.main,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: "note",
    stage: "preprocess",
    message: `Tailscope includes ${missing.map((h) => `<${h}>`).join(" and ")} for you; clang needs the #include line${missing.length > 1 ? "s" : ""}`,
    explanation: "Names such as u8, SK_PASS, SEC and bpf_printk come from these headers.",
    fix: {
      title: `Add ${lines.join(" and ")}`,
      edits: [
        { file: input.main, line: 1, column: 1, endLine: 1, endColumn: 1, text: `${lines.join("\n")}\n` },
      ],
    },
  };
}

export { hasErrors };
