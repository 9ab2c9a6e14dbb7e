import { type Diagnostic, hasErrors, type Stage, sortDiagnostics } from "./diagnostics/diagnostic";
import { withoutSilenced } from "./diagnostics/warning-groups";
import { load } from "./loader/loader";
import type { LoadedObject } from "./loader/object";
import { preprocess } from "./preprocess/preprocessor";
import { unmodelledHelperWarnings } from "./runtime/helper-coverage";
import { VirtualFileSystem } from "./source/file-system";
import { IMPLICIT_VMLINUX, implicitHeaders } from "./source/headers";
import { parse } from "./syntax/parser";
import { check } from "./types/checker";
import type { TypedProgram } from "./types/symbols";
import { verify } from "./verify/verify";

export interface CompileInput {
  /** Source files by name; `#include "x.h"` finds its siblings here. */
  readonly files: Readonly<Record<string, string>>;
  /** The .c file the build starts from. */
  readonly main: string;
  /** Folders of `files` searched for includes, as clang's `-I` options (contract.md §1 `includeDirs`). */
  readonly includeDirs?: readonly string[];
}

/** Told as each stage starts, so a host can say where a build that takes too long is. */
export type StageListener = (stage: Stage) => void;

export interface CompileResult {
  /** The typed program, or null when the source could not be parsed. */
  readonly program: TypedProgram | null;
  /** The object as libbpf would load it; null while the source has compile errors. */
  readonly object: LoadedObject | null;
  /** Every stage's diagnostics, sorted by file and position. */
  readonly diagnostics: Diagnostic[];
  /** User files that took part in the build. */
  readonly files: string[];
}

/** Front to back: preprocess, parse, check. Each stage reports; nothing throws on bad input. */
export function compile(input: CompileInput, onStage?: StageListener): CompileResult {
  try {
    return compileStages(input, onStage ?? (() => {}));
  } catch (error) {
    // A bug in Tailscope, not in the user's code: say so at the top of the file instead of crashing the app.
    return {
      program: null,
      object: null,
      diagnostics: [internalError(input.main, error)],
      files: [input.main],
    };
  }
}

function internalError(file: string, error: unknown): Diagnostic {
  const reason = error instanceof RangeError ? "the source nests too deeply" : String(error);
  return {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: "error",
    stage: "parse",
    message: `internal error in Tailscope's compiler (${reason}); please report this source`,
  };
}

function compileStages(input: CompileInput, onStage: StageListener): CompileResult {
  if (!Object.hasOwn(input.files, input.main) || typeof input.files[input.main] !== "string") {
    return { program: null, object: null, diagnostics: [missingMain(input)], files: [] };
  }
  const fs = new VirtualFileSystem(input.files, input.includeDirs);
  onStage("preprocess");
  const preprocessed = preprocess(fs, input.main, { implicitIncludes: implicitIncludePaths(input.files) });
  // A source that blew a preprocessing budget is cut short: parsing the rest would only add noise.
  if (preprocessed.stopped)
    return {
      program: null,
      object: null,
      diagnostics: sortDiagnostics(preprocessed.diagnostics),
      files: preprocessed.files,
    };
  onStage("parse");
  const parsed = parse(preprocessed.tokens);
  const syntaxErrors = hasErrors(preprocessed.diagnostics) || hasErrors(parsed.diagnostics);
  onStage("type");
  const program = check(parsed.unit, syntaxErrors);
  const diagnostics = [...preprocessed.diagnostics, ...parsed.diagnostics, ...program.diagnostics];
  if (!hasErrors(diagnostics)) onStage("load");
  const object = hasErrors(diagnostics) ? null : load(program);
  if (object) {
    onStage("verify");
    diagnostics.push(
      ...object.diagnostics,
      ...unmodelledHelperWarnings(program, object),
      ...verify(program, object),
    );
  }
  const note = implicitIncludeNote(input, preprocessed.includedHeaders);
  if (note) diagnostics.push(note);
  return {
    program,
    object,
    diagnostics: sortDiagnostics(withoutSilenced(diagnostics, preprocessed.silenced)),
    files: preprocessed.files,
  };
}

/**
 * The front end alone (preprocess, parse, check), for text that is never loaded or verified: a
 * breakpoint's condition, compiled inside a copy of the sources.
 */
export function checkSources(input: CompileInput): { program: TypedProgram; diagnostics: Diagnostic[] } {
  const fs = new VirtualFileSystem(input.files, input.includeDirs);
  const preprocessed = preprocess(fs, input.main, { implicitIncludes: implicitIncludePaths(input.files) });
  const parsed = parse(preprocessed.tokens);
  const syntaxErrors = hasErrors(preprocessed.diagnostics) || hasErrors(parsed.diagnostics);
  const program = check(parsed.unit, syntaxErrors);
  return {
    program,
    diagnostics: withoutSilenced(
      [...preprocessed.diagnostics, ...parsed.diagnostics, ...program.diagnostics],
      preprocessed.silenced,
    ),
  };
}

function missingMain(input: CompileInput): Diagnostic {
  return {
    file: input.main,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: "error",
    stage: "preprocess",
    message: `no source file named '${input.main}' (files: ${Object.keys(input.files).join(", ") || "none"})`,
  };
}

/** Tells the user which headers Tailscope supplied, with a fix that writes the #include lines. */
/**
 * The built-in headers included before the main file: those no source includes itself (by any
 * path ending in the header's name, as a project's own `"bpf_helpers.h"`), so that a program's
 * own copy is the only one, as with clang.
 */
function implicitIncludesFor(files: CompileInput["files"]): string[] {
  const texts = Object.values(files).filter((text): text is string => typeof text === "string");
  const implicit: string[] = implicitHeaders.filter((header) => {
    const base = header.split("/").pop() ?? header;
    const directive = new RegExp(`^\\s*#\\s*include\\s*[<"]([^>"]*/)?${base.replace(".", "\\.")}[>"]`, "m");
    return !texts.some((text) => directive.test(text));
  });
  // The helper declarations need the fixed-width types, which the program's own vmlinux.h (or
  // uapi headers) would bring only after them.
  if (implicit.includes("bpf/bpf_helpers.h") && !implicit.includes("vmlinux.h"))
    implicit.unshift("linux/types.h");
  return implicit;
}

/** The files the implicit includes read: an implicit vmlinux.h is the networking types only. */
function implicitIncludePaths(files: CompileInput["files"]): string[] {
  return implicitIncludesFor(files).map((header) => (header === "vmlinux.h" ? IMPLICIT_VMLINUX : header));
}

function implicitIncludeNote(input: CompileInput, included: readonly string[]): Diagnostic | null {
  const missing = implicitHeaders.filter(
    (h) => implicitIncludesFor(input.files).includes(h) && !included.includes(h),
  );
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
