import type { CallExpr, Expr, Stmt } from "../../syntax/ast";
import { walk } from "../../syntax/walk";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../../types/symbols";
import type { TraceRecorder } from "../trace";
import {
  assignmentTo,
  callOf,
  callTakingAddressOf,
  isContextPointer,
  isMapDefinition,
  isWholeAssignment,
  storedExpressions,
} from "./ast-queries";
import type { IndexedNode, StatementIndex } from "./statement-index";

/** Where a recorded store happened: the step, and what a person needs to find it. */
export interface StoreSite {
  readonly packet: number;
  readonly cpu: number;
  readonly program: string;
  readonly file: string;
  readonly line: number;
  /** The step after which the access is done (where the cursor shows it). */
  readonly step: number;
  /** The step of the statement that made it (earlier than `step` when it came after a call). */
  readonly statementStep: number;
}

/** Who last wrote some bytes: a program's store, the control plane, or nobody (initial value). */
export type Writer = StoreSite | { readonly controlPlane: { readonly beforePacket: number } } | null;

/** What a stored value was computed from, one level at a time (contract.md §4). */
export type ValueSource =
  | { readonly kind: "constant" }
  | { readonly kind: "helper"; readonly name: string }
  | { readonly kind: "context"; readonly field: string }
  | { readonly kind: "packet"; readonly offset: number; readonly size: number }
  | {
      readonly kind: "memory";
      readonly map: string;
      readonly key: string;
      readonly cpu: number | null;
      readonly offset: number;
      readonly size: number;
      readonly writer: Writer;
    }
  | {
      readonly kind: "memory";
      readonly global: string;
      readonly offset: number;
      readonly size: number;
      readonly writer: Writer;
    };

/** Finds who last wrote bytes of memory before a step (see why.ts). */
export interface WriterFinder {
  mapWriter(
    map: string,
    key: string,
    cpu: number | null,
    offset: number,
    size: number,
    before: number,
  ): Writer;
  globalWriter(global: string, offset: number, size: number, before: number): Writer;
}

/** Statements walked back in one frame looking for a local's definition, at most. */
const FRAME_SCAN_LIMIT = 200_000;
/** Locals and calls followed through, at most, before an answer stops looking. */
const DEPTH_LIMIT = 12;

/**
 * What an expression evaluated at a recorded step computed its value from. The expression's
 * own leaves say constants, helpers and context fields; locals are followed to the statement
 * of the same frame that last assigned them, parameters to the caller's argument, calls to
 * the callee's return; memory it read (map values, globals, the packet) comes from the loads
 * the trace recorded for that step, each with the store that last wrote those bytes.
 */
export class SourceTracer {
  constructor(
    private readonly program: TypedProgram,
    private readonly trace: TraceRecorder,
    private readonly index: StatementIndex,
    private readonly writers: WriterFinder,
  ) {}

  /** The sources of the value a store wrote, found from the statement that made it (its step). */
  ofStore(step: number): ValueSource[] {
    const ran = this.nodeAt(step);
    if (!ran) return [];
    const stored = storedExpressions(ran.node, this.program);
    const out = new Sources();
    for (const expr of stored.expressions) this.collect(expr, step, out, 0);
    if (stored.counted) out.add({ kind: "constant" });
    return out.list;
  }

  /** The sources of an expression evaluated at `step`. */
  ofExpression(expr: Expr, step: number): ValueSource[] {
    const out = new Sources();
    this.collect(expr, step, out, 0);
    return out.list;
  }

  private nodeAt(step: number): IndexedNode | null {
    const site = this.trace.siteAt(step);
    return site ? this.index.at(site.file, site.start) : null;
  }

  private collect(expr: Expr, step: number, out: Sources, depth: number): void {
    if (depth > DEPTH_LIMIT) return;
    let readsMemory = false;
    const visit = (e: Expr, address: boolean): void => {
      switch (e.kind) {
        case "int":
        case "char":
        case "float":
        case "string":
        case "sizeof":
        case "alignof":
        case "offsetof":
          if (!address) out.add({ kind: "constant" });
          return;
        case "ident": {
          const symbol = this.program.references[e.id];
          if (!symbol || symbol.kind === "enum-constant") return out.add({ kind: "constant" });
          if (symbol.kind !== "variable") return;
          if (symbol.storage === "global") {
            if (!isMapDefinition(symbol.type)) readsMemory = !address || readsMemory;
            return;
          }
          // A pointer used to reach memory is an address, not where the value came from.
          if (!address || symbol.type.kind === "array" || symbol.type.kind === "record")
            this.local(symbol, step, out, depth, address);
          return;
        }
        case "unary":
          if (e.op === "&") return visit(e.operand, true);
          if (e.op === "*") {
            readsMemory = true;
            return visit(e.operand, true);
          }
          return visit(e.operand, address);
        case "postfix":
          return visit(e.operand, address);
        case "binary":
          visit(e.left, address);
          return visit(e.right, address);
        case "conditional":
          if (e.then) visit(e.then, address);
          return visit(e.otherwise, address);
        case "assign":
          return visit(e.value, address);
        case "comma":
          return visit(e.right, address);
        case "cast":
          return visit(e.operand, address);
        case "member": {
          if (e.arrow) {
            const objectType = this.program.exprTypes[e.object.id];
            if (isContextPointer(objectType)) return out.add({ kind: "context", field: e.member });
            readsMemory = true;
            return visit(e.object, true);
          }
          return visit(e.object, address);
        }
        case "index": {
          const arrayType = this.program.exprTypes[e.array.id];
          if (arrayType?.kind === "pointer") readsMemory = true;
          visit(e.array, true);
          return visit(e.index, false);
        }
        case "call":
          return this.call(e, step, out, depth, address);
        case "compound-literal":
          for (const item of e.init.items) visit(item.value, address);
          return;
        case "init-list":
          for (const item of e.items) visit(item.value, address);
          return;
        case "statement-expr":
          return;
      }
    };
    visit(expr, false);
    if (readsMemory) this.memoryReadAt(step, out);
  }

  /** A call's value: a helper's result, or what the callee returned (its return statement's sources). */
  private call(e: CallExpr, step: number, out: Sources, depth: number, address: boolean): void {
    const callee = e.callee.kind === "ident" ? this.program.references[e.callee.id] : undefined;
    const name = callee?.name ?? "";
    if (callee?.kind === "variable" || (callee?.kind === "function" && callee.helperId !== undefined)) {
      // libbpf declares helpers as constant function pointers.
      if (!address) out.add({ kind: "helper", name });
      return;
    }
    if (callee?.kind === "function" && callee.definition) {
      const returned = this.returnedBy(step);
      if (returned) this.collect(returned.expr, returned.step, out, depth + 1);
      return;
    }
    // A builtin (`__builtin_bswap16`, …): its value comes from its arguments.
    if (name.startsWith("__builtin")) for (const arg of e.args) this.collect(arg, step, out, depth + 1);
  }

  /** The return statement a call made at `step` ended with, and its step. */
  private returnedBy(step: number): { expr: Expr; step: number } | null {
    const caller = this.trace.siteAt(step);
    if (!caller) return null;
    let found: { expr: Expr; step: number } | null = null;
    for (let s = step + 1; s <= step + FRAME_SCAN_LIMIT; s++) {
      const site = this.trace.siteAt(s);
      if (!site) break;
      // Other CPUs' statements interleave with the call's; only this packet's count.
      if (!samePacket(site.frameKey, caller.frameKey)) continue;
      if (site.depth <= caller.depth) break;
      if (site.depth !== caller.depth + 1) continue;
      const node = this.index.at(site.file, site.start)?.node;
      if (node?.kind === "return" && node.value) found = { expr: node.value, step: s };
    }
    return found;
  }

  /**
   * A local's value at `step`: the sources of the last statement of the same frame that gave
   * it one. A parameter with no such statement came from the caller's argument.
   */
  private local(symbol: VariableSymbol, step: number, out: Sources, depth: number, address: boolean): void {
    const here = this.trace.siteAt(step);
    if (!here) return;
    this.localIn(
      symbol,
      { frameKey: here.frameKey, depth: here.depth, from: step - 1, inside: step },
      out,
      depth,
      address,
    );
  }

  /**
   * A local's sources in one frame, looking back from step `from`; returns the step of the last
   * statement that gave it a value (null: none did, a parameter's value came from the caller).
   */
  private localIn(
    symbol: VariableSymbol,
    frame: { frameKey: string; depth: number; from: number; inside: number },
    out: Sources,
    depth: number,
    address: boolean,
  ): number | null {
    let last: number | null = null;
    for (let s = frame.from; s > 0 && s >= frame.from - FRAME_SCAN_LIMIT; s--) {
      const site = this.trace.siteAt(s);
      if (!site) break;
      // Other CPUs' statements (an interleaved run) and a callee's are skipped; reaching the
      // caller, or another program of the chain, ends the frame.
      if (!samePacket(site.frameKey, frame.frameKey)) continue;
      if (site.frameKey !== frame.frameKey) {
        if (site.depth > frame.depth) continue;
        break;
      }
      const node = this.index.at(site.file, site.start);
      if (!node) continue;
      const assigned = assignmentTo(node.node, symbol, this.program);
      if (assigned === null) continue;
      last ??= s;
      if (assigned === "by-helper") {
        this.helperWriting(node.node, symbol, out);
        return last;
      }
      this.collect(assigned, s, out, depth + 1);
      // A struct or array is assigned a part at a time: every part's store counts.
      if (!address && symbol.type.kind !== "record" && symbol.type.kind !== "array") return last;
      if (assigned.kind !== "init-list" && isWholeAssignment(node.node, symbol, this.program)) return last;
    }
    if (last === null && symbol.storage === "param") this.argument(symbol, frame.inside, out, depth);
    return last;
  }

  /**
   * Where a local of a paused frame got its value: the frame is the one at call depth `depth` of
   * `packet` as it stands after step `at`.
   */
  ofLocal(
    name: string,
    packet: number,
    depth: number,
    at: number,
  ): { definition: number | null; sources: ValueSource[] } | { error: string } {
    // The frame's statement about to run counts too: a function paused before its first one.
    for (let s = at + 1; s > 0 && s >= at - FRAME_SCAN_LIMIT; s--) {
      const site = this.trace.siteAt(s);
      if (!site) continue;
      if (site.depth !== depth || this.trace.statementAt(s)?.packet !== packet) continue;
      const fn = this.index.at(site.file, site.start)?.function;
      const symbol = fn ? this.program.locals.get(fn)?.find((local) => local.name === name) : undefined;
      if (!symbol) return { error: `no local named '${name}' in ${fn?.name ?? "that frame"}` };
      const out = new Sources();
      const definition = this.localIn(
        symbol,
        { frameKey: site.frameKey, depth, from: at, inside: s },
        out,
        0,
        false,
      );
      return { definition, sources: out.list };
    }
    return { error: `packet ${packet} has no frame at depth ${depth} there` };
  }

  /** What a packet returned, from its last return statement in the program itself. */
  ofReturn(packet: number): { step: number; sources: ValueSource[] } | null {
    const last = this.trace.packetLastStep(packet);
    if (last === null) return null;
    for (let s = last; s > 0 && s >= last - FRAME_SCAN_LIMIT; s--) {
      const site = this.trace.siteAt(s);
      if (!site) break;
      if (site.depth !== 0 || this.trace.statementAt(s)?.packet !== packet) continue;
      const node = this.index.at(site.file, site.start)?.node;
      if (node?.kind !== "return" || !node.value) continue;
      return { step: s, sources: this.ofExpression(node.value, s) };
    }
    return null;
  }

  /** What a printk line's arguments came from (the format aside), the statement that printed at `step`. */
  ofPrintk(step: number): ValueSource[] {
    const site = this.trace.siteAt(step);
    const node = site ? this.index.at(site.file, site.start)?.node : undefined;
    if (!node) return [];
    const out = new Sources();
    walk(node, (e) => {
      if (e.kind !== "call" || e.callee.kind !== "ident") return;
      const name = this.program.references[e.callee.id]?.name ?? e.callee.name;
      // bpf_trace_printk(fmt, size, args…); bpf_trace_vprintk(fmt, size, data, len) reads its array.
      if (name === "bpf_trace_printk") for (const arg of e.args.slice(2)) this.collect(arg, step, out, 0);
      if (name === "bpf_trace_vprintk" && e.args[2]) this.collect(e.args[2], step, out, 0);
    });
    return out.list;
  }

  /** A helper that filled a local through its address (`bpf_skb_load_bytes(skb, 0, &x, 4)`). */
  private helperWriting(node: Stmt | Expr, symbol: VariableSymbol, out: Sources): void {
    const call = callTakingAddressOf(node, symbol, this.program);
    const name = call?.callee.kind === "ident" ? call.callee.name : "a helper";
    out.add({ kind: "helper", name });
  }

  /** A parameter's value: the matching argument of the call that entered this frame. */
  private argument(symbol: VariableSymbol, step: number, out: Sources, depth: number): void {
    const here = this.trace.siteAt(step);
    if (!here || here.depth === 0) return;
    for (let s = step - 1; s > 0 && s >= step - FRAME_SCAN_LIMIT; s--) {
      const site = this.trace.siteAt(s);
      if (!site) return;
      if (!samePacket(site.frameKey, here.frameKey) || site.depth >= here.depth) continue;
      const caller = this.index.at(site.file, site.start);
      if (!caller) return;
      const fn = this.functionOf(symbol);
      const position = fn?.definition ? this.program.locals.get(fn)?.indexOf(symbol) : -1;
      const call = fn ? callOf(caller.node, fn, this.program) : null;
      if (call && position !== undefined && position >= 0 && position < call.args.length)
        this.collect(call.args[position], s, out, depth + 1);
      return;
    }
  }

  private functionOf(symbol: VariableSymbol): FunctionSymbol | null {
    for (const [fn, locals] of this.program.locals) if (locals.includes(symbol)) return fn;
    return null;
  }

  /** The memory a statement loaded, as recorded: map values, globals and packet bytes. */
  private memoryReadAt(step: number, out: Sources): void {
    const trace = this.trace;
    const end = this.statementEnd(step);
    for (const i of eventsBetween(trace.mapReadCount, (i) => trace.mapReadAt(i).step, step, end)) {
      const read = trace.mapReadAt(i);
      if (read.via !== "load" || read.origin !== step) continue;
      const size = read.bytes.length / 2;
      const before = readBound(read);
      const writer = this.writers.mapWriter(read.map, read.key, read.cpu, read.offset, size, before);
      out.add({
        kind: "memory",
        map: read.map,
        key: read.key,
        cpu: read.cpu,
        offset: read.offset,
        size,
        writer,
      });
    }
    const accesses = trace.accesses;
    for (const i of eventsBetween(
      accesses.globalReadCount,
      (i) => accesses.globalReadAt(i).step,
      step,
      end,
    )) {
      const read = accesses.globalReadAt(i);
      if (read.origin !== step) continue;
      const writer = this.writers.globalWriter(read.global, read.offset, read.size, readBound(read));
      out.add({ kind: "memory", global: read.global, offset: read.offset, size: read.size, writer });
    }
    for (const i of eventsBetween(
      accesses.packetReadCount,
      (i) => accesses.packetReadAt(i).step,
      step,
      end,
    )) {
      const read = accesses.packetReadAt(i);
      if (read.origin === step) out.add({ kind: "packet", offset: read.offset, size: read.size });
    }
  }

  /** The last step a statement's own accesses can carry: its callees' statements come before it ends. */
  private statementEnd(step: number): number {
    const here = this.trace.siteAt(step);
    if (!here) return step;
    let last = step;
    for (let s = step + 1; s <= step + FRAME_SCAN_LIMIT; s++) {
      const site = this.trace.siteAt(s);
      if (!site) break;
      if (!samePacket(site.frameKey, here.frameKey)) continue;
      if (site.depth <= here.depth) break;
      last = s;
    }
    return last;
  }
}

/**
 * Writes a read can see: those of earlier steps; for a read made after a call returned, also
 * the callee's (their steps are the read's own or earlier).
 */
function readBound(read: { step: number; origin: number }): number {
  return read.step === read.origin ? read.step : read.step + 1;
}

/** Sources without repeats, in the order found. */
class Sources {
  readonly list: ValueSource[] = [];
  private readonly seen = new Set<string>();

  add(source: ValueSource): void {
    const key = JSON.stringify(source);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(source);
  }
}

/** Indexes of a step-ordered event column whose step is in `[from, to]` (found by binary search). */
export function eventsBetween(
  count: number,
  stepOf: (i: number) => number,
  from: number,
  to: number,
): number[] {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (stepOf(middle) < from) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  for (let i = low; i < count && stepOf(i) <= to; i++) found.push(i);
  return found;
}

function samePacket(a: string, b: string): boolean {
  return a.slice(0, a.indexOf(":")) === b.slice(0, b.indexOf(":"));
}
