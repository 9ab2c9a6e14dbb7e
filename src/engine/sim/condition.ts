import { type CompileInput, checkSources } from "../compile";
import { load } from "../loader/loader";
import type { CodegenEnvironment } from "../runtime/codegen/function-generator";
import { generateFunction } from "../runtime/codegen/generate-function";
import type { Machine } from "../runtime/machine";
import type { CompiledFunction, Frame } from "../runtime/machine-state";
import { type Region, region } from "../runtime/memory";
import { RuntimeFault } from "../runtime/values";
import type { Span } from "../source/source-file";
import type { CompoundStmt, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
import { sizeOf } from "../types/ctypes";
import type { FunctionSymbol, TypedProgram } from "../types/symbols";

/** Where a conditional breakpoint sits. */
export interface ConditionSite {
  readonly file: string;
  readonly line: number;
}

/** A condition ready to test in a paused frame: true, false, or why it could not be evaluated. */
export type ConditionTest = (frame: Frame) => boolean | { readonly error: string };

export type CompiledCondition =
  | { readonly ok: true; readonly test: ConditionTest }
  | { readonly ok: false; readonly error: string };

/** The local the condition's value is stored into (declared in the copy only). */
const PROBE = "__tailscope_condition";

/**
 * Compiles a breakpoint's C condition in the scope of the statement that starts on its line,
 * with Tailscope's own front end and interpreter (see `compileProbe`): the condition's value
 * is stored into a probe local, and its truth read back from the paused frame.
 */
export function compileCondition(
  input: CompileInput,
  machine: Machine,
  site: ConditionSite,
  condition: string,
): CompiledCondition {
  if (/[\n\r]/.test(condition)) return { ok: false, error: "a condition is one line of C" };
  if (!condition.trim()) return { ok: false, error: "the condition is empty" };
  const prefix = `long long ${PROBE} = (`;
  const placed = compileProbe(input, machine, site, `${prefix}${condition});`, PROBE);
  if (!placed.ok) {
    const column = placed.errorAt === null ? null : placed.errorAt - prefix.length + 1;
    return {
      ok: false,
      error: column !== null && column >= 1 ? `column ${column}: ${placed.error}` : placed.error,
    };
  }
  return {
    ok: true,
    test: (frame) => {
      const fault = placed.run(frame);
      if (fault) return fault;
      return frame.stack.view.getBigInt64(frame.stack.start + placed.offset, true) !== 0n;
    },
  };
}

/** A probe declaration compiled into a copy of its function, ready to run in a live frame. */
export type CompiledProbe =
  | {
      readonly ok: true;
      /** Runs the declaration in the frame: null, or why it could not be evaluated. */
      readonly run: (frame: Frame) => { readonly error: string } | null;
      /** Where the probe local sits in the frame's stack, and its size. */
      readonly offset: number;
      readonly size: number;
      /** The statement the probe runs before: its span in the running program. */
      readonly before: Span;
      /** The copy's checked program (to look at the probe's expression). */
      readonly program: TypedProgram;
      readonly declaration: Stmt;
    }
  | {
      readonly ok: false;
      readonly error: string;
      /** Where in the declaration's text the error is (0-based), when it is on the probe's line. */
      readonly errorAt: number | null;
    };

/**
 * Compiles a declaration of a probe local, written into a copy of the sources just before the
 * statement that starts on the site's line (`{ DECLARATION } ` on the same line, so no line
 * moves), with Tailscope's own front end; its function is compiled with the running machine's
 * maps and globals. Locals declared before the line keep their stack offsets, so the compiled
 * declaration reads the live frame; the probe's own slot comes after them.
 */
export function compileProbe(
  input: CompileInput,
  machine: Machine,
  site: ConditionSite,
  declaration: string,
  name: string,
): CompiledProbe {
  const fail = (error: string, errorAt: number | null = null) => ({ ok: false as const, error, errorAt });
  const text = Object.hasOwn(input.files, site.file) ? input.files[site.file] : undefined;
  if (text === undefined) return fail(`no file named ${site.file}`);
  const target = statementOnLine(machine.program, site);
  if (!target) return fail(`no statement starts on line ${site.line} of ${site.file}`);

  const opening = "{ ";
  const at = target.statement.span.start;
  const copy = `${text.slice(0, at)}${opening}${declaration} } ${text.slice(at)}`;
  const checked = checkSources({ ...input, files: { ...input.files, [site.file]: copy } });
  const declarationStart = at + opening.length;
  const error = checked.diagnostics.find((d) => d.severity === "error");
  if (error) {
    const onLine = error.file === site.file && error.line === site.line;
    return fail(error.message, onLine ? offsetInDeclaration(copy, declarationStart, error.column) : null);
  }
  const symbol = checked.program.functions.find((f) => f.name === target.function.name && f.definition);
  if (!symbol) return fail("the probe's function is gone");
  const compiled = generateFunction(environment(checked.program, machine), symbol);
  const index = compiled.spans.findIndex(
    (span) => span?.file.name === site.file && span.start === declarationStart,
  );
  const slot = compiled.locals.find((local) => local.symbol.name === name);
  if (index < 0 || !slot) return fail("the probe could not be placed on that line");
  // The compiled probe reads the live frame by offset: every local must sit where it does
  // in the running program, or the answer would be about other bytes.
  const running = machine.compiled(target.function);
  const moved = running.locals.find(
    (local) => compiled.locals.find((l) => l.symbol.name === local.symbol.name)?.offset !== local.offset,
  );
  if (moved) return fail(`cannot evaluate here: '${moved.symbol.name}' would be read from the wrong place`);
  const before = running.spans.find((span) => span?.file.name === site.file && span.start === at);
  const probeStatement = findDeclaration(symbol, declarationStart);
  if (!before || !probeStatement) return fail("the probe could not be placed on that line");
  return {
    ok: true,
    run: (frame) => runInstruction(compiled, index, frame),
    offset: slot.offset,
    size: sizeOf(slot.symbol.type),
    before,
    program: checked.program,
    declaration: probeStatement,
  };
}

function runInstruction(compiled: CompiledFunction, index: number, frame: Frame): { error: string } | null {
  try {
    compiled.instructions[index](frame);
    return null;
  } catch (error) {
    if (error instanceof RuntimeFault) return { error: error.message };
    return { error: String(error) };
  }
}

/** The probe's declaration statement in the copy's function, by where it starts. */
function findDeclaration(fn: FunctionSymbol, start: number): Stmt | null {
  let found: Stmt | null = null;
  const body = fn.definition?.body;
  if (!body) return null;
  walk(body, (node) => {
    if (!found && node.kind === "declaration" && node.span.start === start) found = node as Stmt;
  });
  return found;
}

/** Where a diagnostic at `column` of the copied line falls in the declaration (0-based). */
function offsetInDeclaration(copy: string, declarationStart: number, column: number): number {
  const lineStart = copy.lastIndexOf("\n", declarationStart - 1) + 1;
  return lineStart + column - 1 - declarationStart;
}

/** The first statement directly inside a block that starts on the line, and its function. */
function statementOnLine(
  program: TypedProgram,
  site: ConditionSite,
): { statement: Stmt; function: FunctionSymbol } | null {
  let best: { statement: Stmt; function: FunctionSymbol } | null = null;
  for (const fn of program.functions) {
    const body = fn.definition?.body;
    if (!body || body.span.file.name !== site.file) continue;
    walk(body, (node) => {
      if (node.kind !== "compound") return;
      for (const item of (node as CompoundStmt).items) {
        if (item.span.file.name !== site.file) continue;
        if (item.span.file.position(item.span.start).line !== site.line) continue;
        if (!best || item.span.start < best.statement.span.start) best = { statement: item, function: fn };
      }
    });
  }
  return best;
}

/** The running machine's maps and globals, found by name from the copy's symbols. */
function environment(program: TypedProgram, machine: Machine): CodegenEnvironment {
  const globalsByName = new Map([...machine.globals].map(([symbol, place]) => [symbol.name, place]));
  const mapsByName = new Map([...machine.mapHandles].map(([symbol, handle]) => [symbol.name, handle]));
  const globals = new Map<never, Region>();
  const mapHandles = new Map<never, never>();
  for (const global of program.globals) {
    const place = globalsByName.get(global.name);
    if (place) (globals as Map<unknown, Region>).set(global, place);
    const handle = mapsByName.get(global.name);
    if (handle) (mapHandles as Map<unknown, unknown>).set(global, handle);
  }
  const compiledFunctions = new Map<FunctionSymbol, CompiledFunction>();
  const env: CodegenEnvironment = {
    program,
    // The copy's own object: helpers and programs are known by the copy's symbols.
    object: load(program),
    globals,
    mapHandles,
    stringRegion: (bytes) => region("global", "a string literal", bytes, 0, bytes.length, false),
    compiled: (symbol) => {
      let fn = compiledFunctions.get(symbol);
      if (!fn) {
        fn = generateFunction(env, symbol);
        compiledFunctions.set(symbol, fn);
      }
      return fn;
    },
    functionHandle: (symbol) => ({ kind: "function", symbol, helperId: symbol.helperId ?? null }),
    diagnostics: [],
  };
  return env;
}
