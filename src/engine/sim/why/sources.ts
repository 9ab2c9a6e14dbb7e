import type { Span } from "../../source/source-file";
import type { CallExpr, Expr, Stmt } from "../../syntax/ast";
import type { CType } from "../../types/ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../../types/symbols";
import type { TraceRecorder } from "../trace";
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

/** Context structs by tag: a member read through a pointer to one is a context field. */
const CONTEXT_TAGS = new Set([
  "__sk_buff",
  "xdp_md",
  "bpf_sock",
  "bpf_sock_addr",
  "bpf_sock_ops",
  "sk_msg_md",
  "sk_reuseport_md",
  "bpf_sockopt",
  "bpf_sysctl",
  "bpf_flow_keys",
  "bpf_cgroup_dev_ctx",
]);

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
      if (!site || site.depth <= caller.depth) break;
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
    for (let s = step - 1; s > 0 && s >= step - FRAME_SCAN_LIMIT; s--) {
      const site = this.trace.siteAt(s);
      if (!site) return;
      if (site.frameKey !== here.frameKey) {
        // A callee's statements are skipped; reaching the caller (or another packet) ends the frame.
        if (site.depth > here.depth && samePacket(site.frameKey, here.frameKey)) continue;
        break;
      }
      const node = this.index.at(site.file, site.start);
      if (!node) continue;
      const assigned = assignmentTo(node.node, symbol, this.program);
      if (assigned === null) continue;
      if (assigned === "by-helper") return this.helperWriting(node.node, symbol, out);
      this.collect(assigned, s, out, depth + 1);
      // A struct or array is assigned a part at a time: every part's store counts.
      if (!address && symbol.type.kind !== "record" && symbol.type.kind !== "array") return;
      if (assigned.kind !== "init-list" && isWholeAssignment(node.node, symbol, this.program)) return;
    }
    if (symbol.storage === "param") this.argument(symbol, step, out, depth);
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
      if (site.depth >= here.depth) continue;
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
    for (const i of eventsBetween(trace.globalReadCount, (i) => trace.globalReadAt(i).step, step, end)) {
      const read = trace.globalReadAt(i);
      if (read.origin !== step) continue;
      const writer = this.writers.globalWriter(read.global, read.offset, read.size, readBound(read));
      out.add({ kind: "memory", global: read.global, offset: read.offset, size: read.size, writer });
    }
    for (const i of eventsBetween(trace.packetReadCount, (i) => trace.packetReadAt(i).step, step, end)) {
      const read = trace.packetReadAt(i);
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
      if (!site || site.depth <= here.depth) break;
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

function isContextPointer(type: CType | undefined): boolean {
  return (
    type?.kind === "pointer" &&
    type.to.kind === "record" &&
    type.to.record.tag !== null &&
    CONTEXT_TAGS.has(type.to.record.tag)
  );
}

/** A `SEC(".maps")` definition is a struct of pointers; naming it is not reading memory. */
function isMapDefinition(type: CType): boolean {
  return (
    type.kind === "record" && type.record.fields.some((f) => f.name === "type" && f.type.kind === "pointer")
  );
}

/**
 * The expressions a statement stored into memory: assignments through pointers, updates of
 * map elements (the value argument) and copies (the source argument).
 */
function storedExpressions(
  node: Stmt | Expr,
  program: TypedProgram,
): { expressions: Expr[]; counted: boolean } {
  const found: Expr[] = [];
  let counted = false;
  visitExpressions(node, (e) => {
    if (e.kind === "assign" && rootLocal(e.target, program) === null) {
      found.push(e.value);
      if (e.op !== "=") found.push(e.target);
    } else if (isIncrement(e) && rootLocal(e.operand, program) === null) {
      found.push(e.operand);
      counted = true;
    } else if (e.kind === "call" && e.callee.kind === "ident") {
      const name = program.references[e.callee.id]?.name ?? e.callee.name;
      if (name === "bpf_map_update_elem" && e.args[2]) found.push(derefOf(e.args[2]));
      if (/^(__builtin_)?mem(cpy|move)$/.test(name) && e.args[1]) found.push(derefOf(e.args[1]));
    }
  });
  return { expressions: found, counted };
}

/** `x++`, `--x` and the like. */
function isIncrement(e: Expr): e is Extract<Expr, { kind: "postfix" | "unary" }> {
  return e.kind === "postfix" || (e.kind === "unary" && (e.op === "++" || e.op === "--"));
}

/** `&x` read as `x`; any other pointer as what it points to. */
function derefOf(pointer: Expr): Expr {
  if (pointer.kind === "unary" && pointer.op === "&") return pointer.operand;
  return { ...pointer, kind: "unary", op: "*", operand: pointer } as Expr;
}

/**
 * What a statement assigned to a local: the expression, "by-helper" when a call filled it
 * through its address, or null when the statement did not touch it.
 */
function assignmentTo(
  node: Stmt | Expr,
  symbol: VariableSymbol,
  program: TypedProgram,
): Expr | "by-helper" | null {
  if (node.kind === "declaration") {
    for (const declarator of node.declarators)
      if (program.declared.get(declarator) === symbol) return declarator.init;
    return null;
  }
  let found: Expr | "by-helper" | null = null;
  visitExpressions(node, (e) => {
    if (found !== null) return;
    if (e.kind === "assign" && rootLocal(e.target, program) === symbol)
      found = e.op === "=" ? e.value : combined(e.target, e.value, e.id, e.span);
    else if (isIncrement(e) && rootLocal(e.operand, program) === symbol) found = e.operand;
    else if (e.kind === "call" && callTakingAddressOf(e, symbol, program)) found = "by-helper";
  });
  return found;
}

/** `x op= y` read as `x + y`: both sides are where the new value came from. */
function combined(left: Expr, right: Expr, id: number, span: Span): Expr {
  return { kind: "binary", op: "+", left, right, id, span, opSpan: span };
}

function isWholeAssignment(node: Stmt | Expr, symbol: VariableSymbol, program: TypedProgram): boolean {
  if (node.kind === "declaration") return true;
  let whole = false;
  visitExpressions(node, (e) => {
    if (e.kind === "assign" && e.target.kind === "ident" && program.references[e.target.id] === symbol)
      whole = true;
  });
  return whole;
}

/** The local an lvalue names at its root: `x`, `x.a`, `x[2]`; not a pointer's target. */
function rootLocal(target: Expr, program: TypedProgram): VariableSymbol | null {
  let e = target;
  while (e.kind === "member" && !e.arrow) e = e.object;
  while (e.kind === "index" && program.exprTypes[e.array.id]?.kind === "array") e = e.array;
  if (e.kind !== "ident") return null;
  const symbol = program.references[e.id];
  return symbol?.kind === "variable" && symbol.storage !== "global" ? symbol : null;
}

function callTakingAddressOf(
  node: Stmt | Expr,
  symbol: VariableSymbol,
  program: TypedProgram,
): CallExpr | null {
  let found: CallExpr | null = null;
  visitExpressions(node, (e) => {
    if (found || e.kind !== "call") return;
    const takes = e.args.some(
      (a) => a.kind === "unary" && a.op === "&" && rootLocal(a.operand, program) === symbol,
    );
    if (takes) found = e;
  });
  return found;
}

function callOf(node: Stmt | Expr, fn: FunctionSymbol, program: TypedProgram): CallExpr | null {
  let found: CallExpr | null = null;
  visitExpressions(node, (e) => {
    if (!found && e.kind === "call" && e.callee.kind === "ident" && program.references[e.callee.id] === fn)
      found = e;
  });
  return found;
}

/**
 * Every expression of a statement, not descending into nested statements (a loop's body, an
 * if's branches): those run as steps of their own.
 */
function visitExpressions(node: Stmt | Expr, visit: (e: Expr) => void): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const record = value as Record<string, unknown>;
    const kind = record.kind;
    if (typeof kind === "string" && "id" in record && value !== node && STATEMENT_KINDS.has(kind)) continue;
    if (typeof kind === "string" && "id" in record && "span" in record && !STATEMENT_KINDS.has(kind))
      visit(value as Expr);
    for (const key in record) {
      if (key === "span" || key === "opSpan" || key === "memberSpan" || key === "nameSpan") continue;
      const child = record[key];
      if (typeof child === "object" && child !== null && !(child instanceof Uint8Array)) stack.push(child);
    }
  }
}

const STATEMENT_KINDS = new Set([
  "compound",
  "expr-stmt",
  "if",
  "while",
  "do-while",
  "for",
  "switch",
  "case",
  "default",
  "break",
  "continue",
  "return",
  "goto",
  "labeled",
  "null",
  "asm",
  "declaration",
]);
