import { type CompileInput, checkSources } from "../compile";
import { load } from "../loader/loader";
import type { CodegenEnvironment } from "../runtime/codegen/function-generator";
import { generateFunction } from "../runtime/codegen/generate-function";
import type { Machine } from "../runtime/machine";
import type { CompiledFunction, Frame } from "../runtime/machine-state";
import { type Region, region } from "../runtime/memory";
import { RuntimeFault } from "../runtime/values";
import type { CompoundStmt, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
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
 * with Tailscope's own front end and interpreter: `{ long long probe = (condition); }` is
 * written into a copy of the sources just before that statement (on the same line, so no line
 * moves), the copy is checked, and its function compiled with the running machine's maps and
 * globals. Locals declared before the line keep their stack offsets, so the compiled condition
 * reads the live frame; the probe's own slot comes after them (a probed frame is never run on:
 * time travel restores a checkpoint before its next move).
 */
export function compileCondition(
  input: CompileInput,
  machine: Machine,
  site: ConditionSite,
  condition: string,
): CompiledCondition {
  if (/[\n\r]/.test(condition)) return { ok: false, error: "a condition is one line of C" };
  if (!condition.trim()) return { ok: false, error: "the condition is empty" };
  const text = Object.hasOwn(input.files, site.file) ? input.files[site.file] : undefined;
  if (text === undefined) return { ok: false, error: `no file named ${site.file}` };
  const target = statementOnLine(machine.program, site);
  if (!target) return { ok: false, error: `no statement starts on line ${site.line} of ${site.file}` };

  const opening = "{ ";
  const probe = `${opening}long long ${PROBE} = (${condition}); } `;
  const at = target.statement.span.start;
  const copy = text.slice(0, at) + probe + text.slice(at);
  const checked = checkSources({ ...input, files: { ...input.files, [site.file]: copy } });
  const conditionStart = at + `${opening}long long ${PROBE} = (`.length;
  const error = checked.diagnostics.find((d) => d.severity === "error");
  if (error) {
    const onLine = error.file === site.file && error.line === site.line;
    const column = onLine ? columnInCondition(copy, conditionStart, error.column) : null;
    return {
      ok: false,
      error: column !== null && column >= 1 ? `column ${column}: ${error.message}` : error.message,
    };
  }
  const symbol = checked.program.functions.find((f) => f.name === target.function.name && f.definition);
  if (!symbol) return { ok: false, error: "the condition's function is gone" };
  const compiled = generateFunction(environment(checked.program, machine), symbol);
  const index = compiled.spans.findIndex(
    (span) => span?.file.name === site.file && span.start === at + opening.length,
  );
  const slot = compiled.locals.find((local) => local.symbol.name === PROBE);
  if (index < 0 || !slot) return { ok: false, error: "the condition could not be placed on that line" };
  // The compiled condition reads the live frame by offset: every local must sit where it does
  // in the running program, or the answer would be about other bytes.
  const running = machine.compiled(target.function);
  const moved = running.locals.find(
    (local) => compiled.locals.find((l) => l.symbol.name === local.symbol.name)?.offset !== local.offset,
  );
  if (moved)
    return {
      ok: false,
      error: `cannot evaluate here: '${moved.symbol.name}' would be read from the wrong place`,
    };
  return { ok: true, test: (frame) => evaluate(compiled, index, frame, slot.offset) };
}

function evaluate(
  compiled: CompiledFunction,
  index: number,
  frame: Frame,
  offset: number,
): boolean | { error: string } {
  try {
    compiled.instructions[index](frame);
  } catch (error) {
    if (error instanceof RuntimeFault) return { error: error.message };
    return { error: String(error) };
  }
  return frame.stack.view.getBigInt64(frame.stack.start + offset, true) !== 0n;
}

/** The condition's column for a diagnostic at `column` of the copied line (1-based). */
function columnInCondition(copy: string, conditionStart: number, column: number): number | null {
  const lineStart = copy.lastIndexOf("\n", conditionStart - 1) + 1;
  return column - (conditionStart - lineStart);
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
