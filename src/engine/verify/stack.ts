import { type Diagnostic, diagnosticAt, type Stage } from "../diagnostics/diagnostic";
import { functionFacts } from "../loader/function-facts";
import type { LoadedObject } from "../loader/object";
import type { Span } from "../source/source-file";
import { walk } from "../syntax/walk";
import { BPF_FUNC_tail_call, MAX_BPF_STACK, MAX_TAIL_CALL_CALLER_STACK } from "../target/kernel";
import { alignOf, sizeOf } from "../types/ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../types/symbols";

/**
 * Bytes of stack a function's locals take, as clang lays them out: the locals that must live in
 * memory (arrays, structs, volatile or address-taken variables), each aligned. Scalars clang
 * keeps in registers take none. An estimate: clang's spills can add a little.
 */
export function frameBytes(program: TypedProgram, fn: FunctionSymbol): number {
  return frameOf(program, fn).bytes;
}

/**
 * Where a local that lives in memory sits in its frame, as an offset from the frame pointer
 * (negative), or null for one clang keeps in a register. clang places them from the top of the
 * frame down, in the order they are declared, each aligned.
 */
export function frameOffset(program: TypedProgram, fn: FunctionSymbol, local: VariableSymbol): number | null {
  return frameOf(program, fn).offsets.get(local) ?? null;
}

interface Frame {
  readonly bytes: number;
  readonly offsets: ReadonlyMap<VariableSymbol, number>;
}

function frameOf(program: TypedProgram, fn: FunctionSymbol): Frame {
  let frame = frames.get(fn);
  if (!frame) {
    frame = layFrame(program, fn);
    frames.set(fn, frame);
  }
  return frame;
}

/** Each function's frame, laid out once: the walks of the calls ask for it at every call. */
const frames = new WeakMap<FunctionSymbol, Frame>();

function layFrame(program: TypedProgram, fn: FunctionSymbol): Frame {
  const locals = (program.locals.get(fn) ?? []).filter((s) => s.storage === "local");
  const taken = addressTaken(program, fn);
  const offsets = new Map<VariableSymbol, number>();
  let size = 0;
  for (const local of locals) {
    const type = local.type;
    const inMemory =
      type.kind === "array" || type.kind === "record" || type.volatile === true || taken.has(local);
    if (!inMemory) continue;
    const align = Math.max(1, alignOf(type));
    size = Math.ceil(size / align) * align + sizeOf(type);
    offsets.set(local, -size);
  }
  return { bytes: Math.ceil(size / 8) * 8, offsets };
}

function addressTaken(program: TypedProgram, fn: FunctionSymbol): Set<VariableSymbol> {
  const taken = new Set<VariableSymbol>();
  if (!fn.definition) return taken;
  walk(fn.definition.body, (node) => {
    if (node.kind !== "unary" || node.op !== "&" || node.operand.kind !== "ident") return;
    const symbol = program.references[node.operand.id];
    if (symbol?.kind === "variable") taken.add(symbol);
  });
  return taken;
}

/** An error at a span, for the stack and call checks. */
export function stackDiagnostic(span: Span, stage: Stage, message: string, explanation: string): Diagnostic {
  return diagnosticAt(span, { severity: "error", stage, message, explanation });
}

/** clang's own refusal of a frame of 512 bytes or more, at the function's name (clang 14's wording). */
export function checkStackLimit(program: TypedProgram): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const fn of program.functions) {
    if (!fn.definition || fn.inline) continue;
    const bytes = frameBytes(program, fn);
    // clang refuses a frame object whose offset reaches -512 (LLVM's BPF frame-index
    // elimination), so a frame of exactly 512 bytes is already too large; 508 passes.
    if (bytes < MAX_BPF_STACK) continue;
    errors.push(
      stackDiagnostic(
        fn.definition.declarator.nameSpan,
        "type",
        "Looks like the BPF stack limit of 512 bytes is exceeded. Please move large on stack variables into BPF per-cpu array map.",
        `The locals of '${fn.name}' need about ${bytes} bytes, and a BPF function has 512. Keep large buffers in a one-entry BPF_MAP_TYPE_PERCPU_ARRAY instead.`,
      ),
    );
  }
  return errors;
}

/** Whether a function makes a tail call, itself or in a subprogram it calls. */
function reachesTailCall(
  program: TypedProgram,
  object: LoadedObject,
  fn: FunctionSymbol,
  seen = new Set<FunctionSymbol>(),
): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  for (const call of functionFacts(fn).calls) {
    if (call.callee.kind !== "ident") continue;
    const symbol = program.references[call.callee.id];
    if (symbol?.kind === "variable" && object.helpers.get(symbol) === BPF_FUNC_tail_call) return true;
    if (
      symbol?.kind === "function" &&
      !symbol.section &&
      !symbol.inline &&
      reachesTailCall(program, object, symbol, seen)
    )
      return true;
  }
  return false;
}

/**
 * When a subprogram that tail-calls is reached, the frames below it must take less than 256
 * bytes (check_max_stack_depth; the JIT rounds each frame up to 16): a tail call reuses the
 * caller's stack, and 33 of them must fit.
 */
export function checkTailCallStack(
  program: TypedProgram,
  object: LoadedObject,
  entry: FunctionSymbol,
): Diagnostic | null {
  // A function reached again with the same stack below it finds what it found before: without
  // this, a few functions that each call the next several times made the walk exponential.
  const passed = new Set<string>();
  const visit = (fn: FunctionSymbol, below: number, seen: Set<FunctionSymbol>): Diagnostic | null => {
    const key = `${fn.name}:${below}`;
    if (passed.has(key)) return null;
    const own = Math.ceil(frameBytes(program, fn) / 16) * 16;
    for (const call of functionFacts(fn).calls) {
      if (call.callee.kind !== "ident") continue;
      const callee = program.references[call.callee.id];
      if (
        callee?.kind !== "function" ||
        !callee.definition ||
        callee.section ||
        callee.inline ||
        seen.has(callee)
      )
        continue;
      const depth = below + own;
      if (depth >= MAX_TAIL_CALL_CALLER_STACK && reachesTailCall(program, object, callee))
        return stackDiagnostic(
          call.span,
          "verify",
          `tail_calls are not allowed when call stack of previous frames is ${depth} bytes. Too large`,
          `'${callee.name}' makes a tail call while the frames that called it hold ${depth} bytes of stack; with bpf2bpf calls and tail calls mixed, the callers may use at most 255. Move the buffer into a per-CPU array map, or make the tail call from the program itself.`,
        );
      const deeper = visit(callee, depth, new Set([...seen, callee]));
      if (deeper) return deeper;
    }
    passed.add(key);
    return null;
  };
  return visit(entry, 0, new Set([entry]));
}
