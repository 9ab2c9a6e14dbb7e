import type { CompileInput } from "../compile";
import type { LoadedObject } from "../loader/object";
import { readWide } from "../runtime/access";
import type { Machine } from "../runtime/machine";
import type { Frame } from "../runtime/machine-state";
import { formatPrintk, parseFormat } from "../runtime/printk";
import { prepareRun, type RunInput } from "../runtime/run";
import { isPointer } from "../runtime/values";
import type { Span } from "../source/source-file";
import type { Expr, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
import type { TypedProgram } from "../types/symbols";
import { compileProbe } from "./condition";

/** A printk-like line added at a source line after the fact (contract.md §1 `logpoints`). */
export interface Logpoint {
  readonly file: string;
  readonly line: number;
  /** A bpf_printk format. */
  readonly format: string;
  /** C expressions over the frame at that line, one per conversion. */
  readonly args: readonly string[];
}

/** One time a logpoint's line was about to run: the line it printed, and where. */
export interface LogpointHit {
  /** Which logpoint (its index in the list given). */
  readonly logpoint: number;
  /** Statements run before the line: the cursor there stands just before it runs. */
  readonly step: number;
  readonly packet: number;
  readonly cpu: number;
  readonly program: string;
  readonly text: string;
}

/** A logpoint ready to run, or why it cannot be. */
export type CompiledLogpoint =
  | { readonly ok: true; readonly before: Span; readonly print: (frame: Frame) => string }
  | { readonly ok: false; readonly error: string };

/** bpf_printk takes at most 12 arguments (bpf_trace_vprintk's limit, MAX_BPRINTF_VARARGS). */
const MAX_ARGUMENTS = 12;
const PROBE = "__tailscope_logpoint";

/**
 * Helpers a logpoint may call: they read, and change nothing a program could see. Anything else
 * (a map update, a random number, a subprogram, which would run statements) is refused.
 */
const READ_ONLY_HELPERS = new Set([
  "bpf_get_smp_processor_id",
  "bpf_ktime_get_ns",
  "bpf_ktime_get_boot_ns",
  "bpf_get_current_pid_tgid",
  "bpf_get_current_uid_gid",
  "bpf_get_cgroup_classid",
  "bpf_get_socket_cookie",
  "bpf_get_numa_node_id",
]);

/**
 * Compiles a logpoint with Tailscope's own front end, as a breakpoint's condition is: its
 * arguments become one probe array, `unsigned long long probe[n] = { (unsigned long long)(a), … }`
 * (the conversion bpf_printk's macro makes), evaluated in the frame about to run the line and
 * formatted as bpf_trace_printk would. Evaluating one changes nothing: the probe's stack bytes
 * are put back, and expressions that write or call anything but a read-only helper are refused.
 */
export function compileLogpoint(input: CompileInput, machine: Machine, logpoint: Logpoint): CompiledLogpoint {
  const format = parseFormat(logpoint.format);
  if (!format.ok) return { ok: false, error: `format: ${format.reason}` };
  if (logpoint.args.length > MAX_ARGUMENTS)
    return { ok: false, error: `at most ${MAX_ARGUMENTS} arguments, as bpf_printk takes` };
  if (format.specs.length !== logpoint.args.length)
    return {
      ok: false,
      error: `the format has ${format.specs.length} conversions but ${logpoint.args.length} arguments are given`,
    };
  const bad = logpoint.args.findIndex((arg) => !arg.trim() || /[\n\r]/.test(arg));
  if (bad >= 0)
    return { ok: false, error: `argument ${bad + 1}: an argument is one C expression on one line` };
  const parts = logpoint.args.map((arg) => `(unsigned long long)(${arg})`);
  // With no arguments, a probe of one constant still checks that a statement starts on the line.
  const declaration = `unsigned long long ${PROBE}[${Math.max(1, parts.length)}] = { ${parts.length ? parts.join(", ") : "0"} };`;
  const probe = compileProbe(input, machine, logpoint, declaration, PROBE);
  if (!probe.ok) return { ok: false, error: withArgument(probe.error, probe.errorAt, declaration, parts) };
  const refused = sideEffect(probe.program, probe.declaration);
  if (refused) return { ok: false, error: refused };
  const { offset, size } = probe;
  return {
    ok: true,
    before: probe.before,
    print(frame) {
      const stack = frame.stack;
      const saved = stack.bytes.slice(stack.start + offset, stack.start + offset + size);
      const savedPointers = stack.pointers.entries();
      const fault = probe.run(frame);
      const values = logpoint.args.map((_, i) => {
        const value = readWide(stack, offset + i * 8, false);
        return isPointer(value) ? machine.addressOf(value) : typeof value === "bigint" ? value : BigInt(0);
      });
      stack.bytes.set(saved, stack.start + offset);
      stack.pointers.restore(savedPointers);
      if (fault) return `(logpoint could not be evaluated: ${fault.error})`;
      const printed = formatPrintk(logpoint.format, values, machine.memoryReader);
      return printed.ok ? printed.message : `(logpoint format: ${printed.reason})`;
    },
  };
}

/** A diagnostic placed on the argument it is in, when it is in one. */
function withArgument(
  error: string,
  errorAt: number | null,
  declaration: string,
  parts: readonly string[],
): string {
  if (errorAt === null) return error;
  let start = declaration.indexOf("{ ") + 2;
  for (let i = 0; i < parts.length; i++) {
    const open = start + "(unsigned long long)(".length;
    const end = start + parts[i].length;
    if (errorAt >= start && errorAt < end) {
      const column = errorAt - open + 1;
      return column >= 1 ? `argument ${i + 1}, column ${column}: ${error}` : `argument ${i + 1}: ${error}`;
    }
    start = end + 2;
  }
  return error;
}

/** Why the probe's expressions could change the program, or null when they only read. */
function sideEffect(program: TypedProgram, declaration: Stmt): string | null {
  let found: string | null = null;
  walk(declaration, (node) => {
    if (found) return;
    const e = node as Expr;
    if (e.kind === "assign") found = "a logpoint only reads: it cannot assign";
    else if (e.kind === "postfix" || (e.kind === "unary" && (e.op === "++" || e.op === "--")))
      found = `a logpoint only reads: it cannot use ${e.op}`;
    else if (e.kind === "call") {
      const callee = e.callee.kind === "ident" ? program.references[e.callee.id] : undefined;
      const name = callee?.name ?? "";
      if (!READ_ONLY_HELPERS.has(name) && !name.startsWith("__builtin_bswap"))
        found = `a logpoint only reads: it cannot call ${name || "a function"}`;
    }
  });
  return found;
}

/**
 * Runs the scenario once more with its logpoints: each time a logpoint's line is about to run,
 * its line is formatted in that frame. The run itself is the same run (deterministic, and the
 * logpoints change nothing it sees), so the hits line up with the recorded trace's steps.
 */
export function logpointHits(
  program: TypedProgram,
  object: LoadedObject,
  input: RunInput,
  sources: CompileInput,
  logpoints: readonly Logpoint[],
  /** Packets to run, at most (a recording's recorded packets: the trace holds no others). */
  packetLimit = Number.POSITIVE_INFINITY,
): { hits: LogpointHit[]; errors: (string | null)[] } {
  const scheduler = prepareRun(program, object, { ...input, onProgress: undefined });
  const machine = scheduler.machine;
  const compiled = logpoints.map((logpoint) => compileLogpoint(sources, machine, logpoint));
  const errors = compiled.map((c) => (c.ok ? null : c.error));
  const bySpan = new Map<Span, { index: number; print: (frame: Frame) => string }[]>();
  compiled.forEach((c, index) => {
    if (!c.ok) return;
    const list = bySpan.get(c.before) ?? [];
    list.push({ index, print: c.print });
    bySpan.set(c.before, list);
  });
  const hits: LogpointHit[] = [];
  if (bySpan.size === 0) return { hits, errors };
  let steps = 0;
  machine.observer = {
    statement(run, frame, span) {
      const here = bySpan.get(span);
      if (here)
        for (const { index, print } of here)
          hits.push({
            logpoint: index,
            step: steps,
            packet: run.index,
            cpu: run.cpu,
            program: run.programs[run.programs.length - 1] ?? "",
            text: print(frame),
          });
      steps++;
    },
  };
  try {
    while (!scheduler.done) {
      if (scheduler.betweenPackets) {
        if (scheduler.packetsStarted >= packetLimit) break;
        scheduler.runNextPacket();
      } else scheduler.step();
    }
  } finally {
    machine.observer = null;
  }
  return { hits, errors };
}
