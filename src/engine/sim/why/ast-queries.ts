import type { Span } from "../../source/source-file";
import type { CallExpr, Expr, Stmt } from "../../syntax/ast";
import type { CType } from "../../types/ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../../types/symbols";

/*
 * Questions about the syntax tree the provenance tracer asks: what a statement stored, what it
 * assigned to a local, which call it made. Each looks only at one statement's own expressions.
 */

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

export function isContextPointer(type: CType | undefined): boolean {
  return (
    type?.kind === "pointer" &&
    type.to.kind === "record" &&
    type.to.record.tag !== null &&
    CONTEXT_TAGS.has(type.to.record.tag)
  );
}

/** A `SEC(".maps")` definition is a struct of pointers; naming it is not reading memory. */
export function isMapDefinition(type: CType): boolean {
  return (
    type.kind === "record" && type.record.fields.some((f) => f.name === "type" && f.type.kind === "pointer")
  );
}

/**
 * The expressions a statement stored into memory: assignments through pointers, updates of
 * map elements (the value argument) and copies (the source argument).
 */
export function storedExpressions(
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
export function isIncrement(e: Expr): e is Extract<Expr, { kind: "postfix" | "unary" }> {
  return e.kind === "postfix" || (e.kind === "unary" && (e.op === "++" || e.op === "--"));
}

/** `&x` read as `x`; any other pointer as what it points to. */
export function derefOf(pointer: Expr): Expr {
  if (pointer.kind === "unary" && pointer.op === "&") return pointer.operand;
  return { ...pointer, kind: "unary", op: "*", operand: pointer } as Expr;
}

/**
 * What a statement assigned to a local: the expression, "by-helper" when a call filled it
 * through its address, or null when the statement did not touch it.
 */
export function assignmentTo(
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
export function combined(left: Expr, right: Expr, id: number, span: Span): Expr {
  return { kind: "binary", op: "+", left, right, id, span, opSpan: span };
}

export function isWholeAssignment(node: Stmt | Expr, symbol: VariableSymbol, program: TypedProgram): boolean {
  if (node.kind === "declaration") return true;
  let whole = false;
  visitExpressions(node, (e) => {
    if (e.kind === "assign" && e.target.kind === "ident" && program.references[e.target.id] === symbol)
      whole = true;
  });
  return whole;
}

/** The local an lvalue names at its root: `x`, `x.a`, `x[2]`; not a pointer's target. */
export function rootLocal(target: Expr, program: TypedProgram): VariableSymbol | null {
  let e = target;
  while (e.kind === "member" && !e.arrow) e = e.object;
  while (e.kind === "index" && program.exprTypes[e.array.id]?.kind === "array") e = e.array;
  if (e.kind !== "ident") return null;
  const symbol = program.references[e.id];
  return symbol?.kind === "variable" && symbol.storage !== "global" ? symbol : null;
}

export function callTakingAddressOf(
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

export function callOf(node: Stmt | Expr, fn: FunctionSymbol, program: TypedProgram): CallExpr | null {
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
export function visitExpressions(node: Stmt | Expr, visit: (e: Expr) => void): void {
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
