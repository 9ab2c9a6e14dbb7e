import { type Diagnostic, diagnosticAt } from "../diagnostics/diagnostic";
import { functionFacts } from "../loader/function-facts";
import type { GlobalVariable, LoadedObject, MapDefinition } from "../loader/object";
import { readUnsigned } from "../target/bytes";
import { alignOf, integerOf, isInteger, sizeOf } from "../types/ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../types/symbols";
import type { GlobalPlacement } from "./analysis-input";
import { FunctionAnalyzer, MAX_ANALYSED_STATEMENTS } from "./analyzer";
import { checkBackendLimits } from "./backend";
import { checkCallFrames } from "./call-frames";
import { callbackArgument } from "./callbacks";
import { checkStackLimit, checkTailCallStack } from "./stack";

/**
 * The verifier stage: each program is checked as the kernel checks it at load, with its
 * first error reported at its line in the kernel's words. Modelled: a privileged loader on
 * Linux 6.18, which knows an array lookup with a constant stack key cannot fail (kernel-facts
 * §2.7; a note says older kernels refuse it) and allows uninitialised stack reads
 * (allow_uninit_stack), as root does.
 */
export function verify(program: TypedProgram, object: LoadedObject): Diagnostic[] {
  const input = {
    program,
    object,
    globals: placeGlobals(object),
    maps: new Map<VariableSymbol, MapDefinition>(object.maps.map((m) => [m.symbol, m])),
  };
  const diagnostics: Diagnostic[] = [...checkStackLimit(program), ...checkBackendLimits(program)];
  if (diagnostics.length > 0) return diagnostics; // clang stops before there is an object to load
  // Each refusal once, by where and what: its index among the diagnostics.
  const seen = new Map<string, number>();
  for (const definition of object.programs) {
    const analyzer = new FunctionAnalyzer(input, definition.symbol, definition.kind, true);
    analyzer.run();
    if (analyzer.gaveUp) diagnostics.push(gaveUpWarning(definition.symbol));
    diagnostics.push(...analyzer.warnings);
    const stackError = checkTailCallStack(program, object, definition.symbol);
    if (stackError) analyzer.errors.push(stackError);
    const callbacks = new Set<FunctionSymbol>();
    for (const subprogram of calledSubprograms(program, object, definition.symbol, callbacks)) {
      const sub = new FunctionAnalyzer(input, subprogram, definition.kind, false);
      sub.isCallback = callbacks.has(subprogram);
      sub.run();
      if (sub.gaveUp) diagnostics.push(gaveUpWarning(subprogram));
      diagnostics.push(...sub.warnings);
      analyzer.errors.push(...sub.errors);
    }
    // The walk of the calls comes after the verifier has followed every path (check_max_stack_depth
    // runs after do_check), so its verdict is the load's only when the paths were all accepted.
    const first = analyzer.firstError() ?? checkCallFrames(program, definition.symbol);
    if (!first) continue;
    const key = `${first.file}:${first.line}:${first.column}:${first.message}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      // The same refusal of another program (a shared subprogram): it names both.
      const shared = diagnostics[earlier];
      diagnostics[earlier] = { ...shared, programs: [...(shared.programs ?? []), definition.name] };
      continue;
    }
    seen.set(key, diagnostics.length);
    const at = definition.span.file.position(definition.span.start);
    const note = {
      file: definition.span.file.name,
      line: at.line,
      column: at.column,
      message: `when loading program '${definition.name}'`,
    };
    diagnostics.push({ ...first, notes: [...(first.notes ?? []), note], programs: [definition.name] });
  }
  return diagnostics;
}

/** Tailscope could not finish checking a function: it loads it, and says it could not tell. */
function gaveUpWarning(fn: FunctionSymbol): Diagnostic {
  return diagnosticAt(fn.span, {
    severity: "warning",
    stage: "verify",
    message: `Tailscope's verifier stopped checking '${fn.name}' after ${MAX_ANALYSED_STATEMENTS.toLocaleString("en")} statements of analysis; it loads the program without knowing whether the kernel would`,
    explanation:
      "Its loops nest too deeply for Tailscope's checks to finish. The kernel checks it instruction by instruction, and refuses a program that takes it more than a million ('BPF program is too large'); load it in the kernel to be sure. The run stops a packet that loops without end.",
  });
}

/** Globals laid out in their sections as clang lays them out: declaration order, each aligned. */
function placeGlobals(object: LoadedObject): Map<VariableSymbol, GlobalPlacement> {
  const ends = new Map<string, number>();
  const offsets = object.globals.map((global) => {
    const align = Math.max(1, alignOf(global.type));
    const off = Math.ceil((ends.get(global.section) ?? 0) / align) * align;
    ends.set(global.section, off + sizeOf(global.type));
    return off;
  });
  const placed = new Map<VariableSymbol, GlobalPlacement>();
  object.globals.forEach((global, i) => {
    const constant = frozenConstant(global);
    placed.set(global.symbol, {
      section: global.section,
      off: offsets[i],
      sectionSize: ends.get(global.section) ?? 0,
      ...(constant === null ? {} : { constant }),
    });
  });
  return placed;
}

/** The value of an integer global in a section libbpf freezes, as its initial bytes hold it. */
function frozenConstant(global: GlobalVariable): bigint | null {
  const frozen = global.section.startsWith(".rodata") || global.section === ".kconfig";
  if (!frozen || !isInteger(global.type)) return null;
  const { size, signed } = integerOf(global.type);
  if (size > 8) return null;
  const value = readUnsigned(global.initial, 0, size);
  const bits = BigInt(size * 8);
  return signed && value >= 1n << (bits - 1n) ? value - (1n << bits) : value;
}

/** Functions without a section that a program calls, directly or not: each is verified too. */
function calledSubprograms(
  program: TypedProgram,
  object: LoadedObject,
  root: FunctionSymbol,
  callbacks: Set<FunctionSymbol>,
): FunctionSymbol[] {
  const found = new Set<FunctionSymbol>();
  const enter = (callee: FunctionSymbol) => {
    if (!callee.definition || callee.section || found.has(callee)) return;
    found.add(callee);
    visit(callee);
  };
  const visit = (fn: FunctionSymbol) => {
    for (const node of functionFacts(fn).calls) {
      if (node.callee.kind !== "ident") continue;
      const callee = program.references[node.callee.id];
      if (callee?.kind === "function") enter(callee);
      // A helper's callback (bpf_loop's, bpf_for_each_map_elem's) is a subprogram too.
      const helper = callee?.kind === "variable" ? object.helpers.get(callee) : undefined;
      const callback = helper === undefined ? null : callbackArgument(program, helper, node.args);
      if (callback) {
        callbacks.add(callback);
        enter(callback);
      }
    }
  };
  visit(root);
  return [...found];
}
