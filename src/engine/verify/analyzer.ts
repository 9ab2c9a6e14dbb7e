import type { Diagnostic, Fix } from "../diagnostics/diagnostic";
import type { LoadedObject, MapDefinition } from "../loader/object";
import type { ProgramKind } from "../loader/sections";
import { helperById } from "../source/helper-table";
import type { Span } from "../source/source-file";
import type { CallExpr, Expr, Stmt } from "../syntax/ast";
import { walk } from "../syntax/walk";
import { evaluateConstant } from "../types/constant";
import { type CType, integerOf, isInteger, sizeOf } from "../types/ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../types/symbols";
import { contextAccessAllowed, packetPointerField } from "./context-access";
import { Environment, joinAll, joinEnvironments } from "./environment";
import { helperAllowed } from "./helper-access";
import { arithmetic, convert, mirror, negate, refine } from "./scalars";
import {
  type AbsValue,
  anyScalar,
  isZero,
  type MapValuePointer,
  type Scalar,
  scalar,
  typeRange,
  unknown,
} from "./values";

/** Where each global lives: its section (an internal array map's value), offset and the section's size. */
export interface GlobalPlacement {
  readonly section: string;
  readonly off: number;
  readonly sectionSize: number;
}

export interface AnalysisInput {
  readonly program: TypedProgram;
  readonly object: LoadedObject;
  readonly globals: ReadonlyMap<VariableSymbol, GlobalPlacement>;
  readonly maps: ReadonlyMap<VariableSymbol, MapDefinition>;
}

interface Loop {
  breaks: (Environment | null)[];
  continues: (Environment | null)[];
}

const MAX_LOOP_PASSES = 4;

/**
 * Walks one function the way the kernel's verifier walks its instructions: every path, with
 * what each local may hold, narrowed by the branches taken (a NULL check, a `data_end` check, a
 * bound). Errors are the kernel's messages at the statement that would fail; the kernel stops
 * at its first, so `firstError` is what a load of this program reports.
 */
export class FunctionAnalyzer {
  readonly errors: Diagnostic[] = [];
  private readonly loops: Loop[] = [];
  private switchEntry: Environment | null = null;
  private nextLookupId = 1;

  constructor(
    private readonly input: AnalysisInput,
    private readonly fn: FunctionSymbol,
    /** The program's kind; null for a subprogram analysed on its own. */
    private readonly kind: ProgramKind,
    private readonly isEntry: boolean,
  ) {}

  run(): void {
    if (!this.fn.definition) return;
    const env = new Environment();
    const params = (this.input.program.locals.get(this.fn) ?? []).filter((s) => s.storage === "param");
    params.forEach((param, i) => {
      env.set(param, this.isEntry && i === 0 ? { kind: "ctx", off: 0 } : this.valueOfType(param.type));
    });
    this.exec(this.fn.definition.body, env);
  }

  firstError(): Diagnostic | null {
    return (
      [...this.errors].sort(
        (a, b) => a.line - b.line || a.column - b.column || a.file.localeCompare(b.file),
      )[0] ?? null
    );
  }

  // ---- statements ----

  private exec(stmt: Stmt, env: Environment | null): Environment | null {
    switch (stmt.kind) {
      case "compound": {
        let current = env;
        for (const item of stmt.items) current = this.exec(item, current);
        return current;
      }
      case "declaration":
        if (!env) return env;
        for (const declarator of stmt.declarators) {
          const symbol = this.input.program.declared.get(declarator);
          if (!symbol || symbol.storage === "global") continue;
          const value =
            declarator.init && declarator.init.kind !== "init-list"
              ? this.assignable(this.eval(declarator.init, env, true), symbol.type)
              : unknown;
          env.set(symbol, value);
        }
        return env;
      case "expr-stmt":
        if (env) this.eval(stmt.expr, env, true);
        return env;
      case "if": {
        if (!env) return env;
        const [whenTrue, whenFalse] = this.branch(stmt.test, env);
        const afterThen = this.exec(stmt.then, whenTrue);
        const afterElse = stmt.otherwise ? this.exec(stmt.otherwise, whenFalse) : whenFalse;
        return joinEnvironments(afterThen, afterElse);
      }
      case "while":
        return this.loop(stmt, env, stmt.test, stmt.body, null, false);
      case "do-while":
        return this.loop(stmt, env, stmt.test, stmt.body, null, true);
      case "for": {
        if (!env) return env;
        if (stmt.init) {
          if (stmt.init.kind === "declaration") this.exec(stmt.init, env);
          else this.eval(stmt.init as Expr, env, true);
        }
        return this.loop(stmt, env, stmt.test, stmt.body, stmt.step, false);
      }
      case "switch": {
        if (!env) return env;
        this.eval(stmt.test, env);
        const outer = this.switchEntry;
        this.switchEntry = env;
        this.loops.push({ breaks: [], continues: [] });
        const end = this.exec(stmt.body, null);
        const loop = this.loops.pop() as Loop;
        this.switchEntry = outer;
        // Without a `default`, the switch may match nothing: the entry state falls out.
        return joinAll([end, ...loop.breaks, env]);
      }
      case "case":
      case "default":
        return this.exec(stmt.body, joinEnvironments(env, this.switchEntry?.clone() ?? null));
      case "break":
        this.loops[this.loops.length - 1]?.breaks.push(env);
        return null;
      case "continue":
        for (let i = this.loops.length - 1; i >= 0; i--) {
          this.loops[i].continues.push(env);
          break;
        }
        return null;
      case "return":
        if (env && stmt.value) this.checkReturn(stmt.value, env);
        return null;
      case "goto":
        return null;
      case "labeled":
        // A label may be reached from anywhere: forget what the path knew, so nothing false is claimed.
        return this.exec(stmt.body, env ? new Environment() : new Environment());
      default:
        return env;
    }
  }

  private loop(
    stmt: Stmt,
    env: Environment | null,
    test: Expr | null,
    body: Stmt,
    step: Expr | null,
    bodyFirst: boolean,
  ): Environment | null {
    if (!env) return env;
    const exits: (Environment | null)[] = [];
    let entry: Environment = env;
    for (let pass = 0; pass < MAX_LOOP_PASSES; pass++) {
      let inside: Environment | null = entry.clone();
      if (!bodyFirst || pass > 0) {
        const [whenTrue, whenFalse] = test ? this.branch(test, entry.clone()) : [entry.clone(), null];
        exits.push(whenFalse);
        inside = whenTrue;
      }
      this.loops.push({ breaks: [], continues: [] });
      const bodyEnd = this.exec(body, inside);
      const loop = this.loops.pop() as Loop;
      exits.push(...loop.breaks);
      let next = joinAll([bodyEnd, ...loop.continues]);
      if (next && step) this.eval(step, next, true);
      if (bodyFirst && pass === 0 && test && next) {
        const [again, out] = this.branch(test, next);
        exits.push(out);
        next = again;
      }
      if (pass === 0 && next?.equals(entry) && !writesOrCalls(stmt)) {
        // Back at the loop's head in the very state it entered with: the kernel calls that no progress.
        this.error(
          stmt.span,
          "infinite loop detected",
          "The loop comes back to its start with nothing changed that the verifier can see, so it cannot prove the loop ends; make the condition depend on a counter that changes each time round.",
          undefined,
        );
        break;
      }
      const joined = joinEnvironments(entry, next) as Environment;
      if (joined.equals(entry)) break;
      // Bounds that still grow are let go: the kernel would go on unrolling, Tailscope stops guessing.
      entry = pass >= MAX_LOOP_PASSES - 2 ? widen(entry, joined) : joined;
    }
    return joinAll(exits);
  }

  // ---- branches ----

  /** The states in which `test` is true and false; null where a path cannot happen. */
  private branch(test: Expr, env: Environment): [Environment | null, Environment | null] {
    if (test.kind === "unary" && test.op === "!") {
      const [t, f] = this.branch(test.operand, env);
      return [f, t];
    }
    if (test.kind === "binary" && (test.op === "&&" || test.op === "||")) {
      const [leftTrue, leftFalse] = this.branch(test.left, env);
      if (test.op === "&&") {
        const [bothTrue, rightFalse] = leftTrue ? this.branch(test.right, leftTrue) : [null, null];
        return [bothTrue, joinEnvironments(leftFalse, rightFalse)];
      }
      const [rightTrue, bothFalse] = leftFalse ? this.branch(test.right, leftFalse) : [null, null];
      return [joinEnvironments(leftTrue, rightTrue), bothFalse];
    }
    if (test.kind === "cast") return this.branch(test.operand, env);
    if (test.kind === "binary" && ["==", "!=", "<", "<=", ">", ">="].includes(test.op)) {
      const refined = this.compare(test.op, test.left, test.right, env);
      if (refined) return refined;
    }
    const value = this.eval(test, env);
    return this.truth(test, value, env);
  }

  /** A value tested for truth: NULL checks narrow lookups; known pointers are never NULL. */
  private truth(test: Expr, value: AbsValue, env: Environment): [Environment | null, Environment | null] {
    if (value.kind === "map_value" && value.nullable) {
      const whenTrue = env.clone();
      whenTrue.updateLookup(value.id, (v) => ({ ...(v as MapValuePointer), nullable: false }));
      const whenFalse = env.clone();
      whenFalse.updateLookup(value.id, () => scalar(0n));
      return [whenTrue, whenFalse];
    }
    if (value.kind === "ctx") {
      const symbol = this.localOf(test);
      if (symbol) this.checksOtherPointer = symbol.name;
    }
    if (
      ["ctx", "stack", "packet", "packet_end", "map_ptr"].includes(value.kind) ||
      value.kind === "map_value"
    )
      return [env, null];
    if (value.kind === "scalar") {
      if (isZero(value)) return [null, env];
      if (value.min > 0n || value.max < 0n) return [env, null];
      const symbol = this.localOf(test);
      if (symbol) {
        const whenFalse = env.clone();
        whenFalse.set(symbol, scalar(0n));
        return [env.clone(), whenFalse];
      }
    }
    return [env.clone(), env.clone()];
  }

  /** `a OP b`: packet bounds, NULL comparisons and scalar bounds narrowed on each side. */
  private compare(
    op: string,
    leftExpr: Expr,
    rightExpr: Expr,
    env: Environment,
  ): [Environment | null, Environment | null] | null {
    const left = this.eval(leftExpr, env);
    const right = this.eval(rightExpr, env);
    if (left.kind === "packet" && right.kind === "packet_end") return this.packetCheck(op, left.off, env);
    if (left.kind === "packet_end" && right.kind === "packet")
      return this.packetCheck(mirror(op), right.off, env);
    if ((op === "==" || op === "!=") && (isZero(right) || isZero(left))) {
      const [pointerExpr, pointer] = isZero(right) ? [leftExpr, left] : [rightExpr, right];
      const [nonZero, zero] = this.truth(pointerExpr, pointer, env);
      return op === "!=" ? [nonZero, zero] : [zero, nonZero];
    }
    if (left.kind === "scalar" && right.kind === "scalar") {
      const constantRight = right.min === right.max ? right.min : null;
      const constantLeft = left.min === left.max ? left.min : null;
      const [symbol, value, bound, relation] =
        constantRight !== null
          ? [this.localOf(leftExpr), left, constantRight, op]
          : constantLeft !== null
            ? [this.localOf(rightExpr), right, constantLeft, mirror(op)]
            : [null, left, 0n, op];
      if (symbol && value.kind === "scalar" && this.isSignedCompare(leftExpr, rightExpr)) {
        return [
          this.narrow(env, symbol, value, relation, bound),
          this.narrow(env, symbol, value, negate(relation), bound),
        ];
      }
    }
    return null;
  }

  /** Only a signed comparison narrows signed bounds soundly; unsigned ones narrow non-negative values. */
  private isSignedCompare(left: Expr, right: Expr): boolean {
    const types = [left, right].map((e) => this.input.program.exprTypes[e.id]);
    return types.every((t) => t !== undefined && isInteger(t));
  }

  private narrow(env: Environment, symbol: VariableSymbol, value: Scalar, op: string, bound: bigint) {
    const narrowed = refine(value, op, bound);
    if (!narrowed) return null;
    const next = env.clone();
    next.set(symbol, narrowed);
    return next;
  }

  /** `data + N > data_end`: on the path where it is false, N bytes from `data` are readable. */
  private packetCheck(op: string, off: number, env: Environment): [Environment | null, Environment | null] {
    const safe = env.clone();
    safe.packetRange = Math.max(safe.packetRange, off);
    const unsafe = env.clone();
    // `p > end` and `p >= end` are true when p is past the end; `p <= end` and `p < end` when it is not.
    if (op === ">" || op === ">=") return [unsafe, safe];
    if (op === "<=" || op === "<") return [safe, unsafe];
    return [env.clone(), env.clone()];
  }

  private localOf(expr: Expr): VariableSymbol | null {
    const inner = expr.kind === "cast" ? expr.operand : expr;
    if (inner.kind !== "ident") return null;
    const symbol = this.input.program.references[inner.id];
    return symbol?.kind === "variable" && symbol.storage !== "global" ? symbol : null;
  }

  // ---- expressions ----

  private typeOf(expr: Expr): CType | undefined {
    return this.input.program.exprTypes[expr.id];
  }

  private valueOfType(type: CType | undefined): AbsValue {
    if (type && isInteger(type)) {
      const int = integerOf(type);
      return typeRange(int.size, int.signed);
    }
    return unknown;
  }

  /** A value as a variable of `type` holds it. */
  private assignable(value: AbsValue, type: CType): AbsValue {
    if (value.kind === "scalar" && isInteger(type)) {
      const int = integerOf(type);
      return convert(value, int.size, int.signed);
    }
    return value;
  }

  private constant(expr: Expr): bigint | null {
    const value = evaluateConstant(this.input.program, expr);
    return value?.kind === "int" ? value.value : null;
  }

  eval(expr: Expr, env: Environment, discarded = false): AbsValue {
    const value = this.evalInner(expr, env);
    if (value.kind === "not_init" && !discarded) {
      this.error(
        expr.span,
        "R0 !read_ok",
        "bpf_tail_call returns nothing you can use: when it succeeds nothing after it runs, and when it fails R0 holds no value the verifier will let you read.",
        undefined,
      );
      return unknown;
    }
    return value;
  }

  private evalInner(expr: Expr, env: Environment): AbsValue {
    const constant =
      expr.kind === "int" ||
      expr.kind === "sizeof" ||
      expr.kind === "alignof" ||
      expr.kind === "offsetof" ||
      expr.kind === "char"
        ? this.constant(expr)
        : null;
    if (constant !== null) return scalar(constant);
    switch (expr.kind) {
      case "ident":
        return this.identifier(expr, env);
      case "string":
        return {
          kind: "map_value",
          name: ".rodata",
          valueSize: expr.bytes.length + 1,
          off: 0,
          nullable: false,
          id: 0,
          saved: false,
        };
      case "unary":
        return this.unary(expr, env);
      case "postfix": {
        const before = this.eval(expr.operand, env);
        this.writeThrough(
          expr.operand,
          env,
          before.kind === "scalar" ? arithmetic(expr.op === "++" ? "+" : "-", before, scalar(1n)) : before,
        );
        return before;
      }
      case "member":
      case "index":
        return this.load(expr, env);
      case "assign":
        return this.assign(expr, env);
      case "binary":
        return this.binary(expr, env);
      case "cast": {
        const value = this.eval(expr.operand, env);
        const to = this.typeOf(expr);
        if (!to || to.kind === "void") return value;
        if (isInteger(to)) {
          if (value.kind === "scalar") return this.assignable(value, to);
          // `(long)ctx->data`: a cast moves no bits, the register still holds the pointer.
          return value;
        }
        return value;
      }
      case "conditional": {
        const [whenTrue, whenFalse] = this.branch(expr.test, env);
        const a = whenTrue ? this.eval(expr.then ?? expr.test, whenTrue) : undefined;
        const b = whenFalse ? this.eval(expr.otherwise, whenFalse) : undefined;
        if (a === undefined) return b ?? unknown;
        if (b === undefined) return a;
        return a.kind === "scalar" && b.kind === "scalar"
          ? scalar(a.min < b.min ? a.min : b.min, a.max > b.max ? a.max : b.max)
          : a.kind === b.kind
            ? a
            : unknown;
      }
      case "comma":
        this.eval(expr.left, env, true);
        return this.eval(expr.right, env);
      case "call":
        return this.call(expr, env);
      case "statement-expr": {
        const items = expr.body.items;
        const last = items[items.length - 1];
        let current: Environment | null = env;
        for (const item of last?.kind === "expr-stmt" ? items.slice(0, -1) : items)
          current = this.exec(item, current);
        return current && last?.kind === "expr-stmt" ? this.eval(last.expr, current) : unknown;
      }
      default:
        return this.valueOfType(this.typeOf(expr));
    }
  }

  private identifier(expr: Extract<Expr, { kind: "ident" }>, env: Environment): AbsValue {
    const symbol = this.input.program.references[expr.id];
    if (!symbol) return unknown;
    if (symbol.kind === "enum-constant") return scalar(symbol.value);
    if (symbol.kind !== "variable") return unknown;
    const map = this.input.maps.get(symbol);
    if (map) return { kind: "map_ptr", map };
    const type = symbol.type;
    const global = this.input.globals.get(symbol);
    if (type.kind === "array") return global ? this.globalPointer(global) : { kind: "stack", symbol, off: 0 };
    if (global) return this.valueOfType(type);
    return env.get(symbol) ?? this.valueOfType(type);
  }

  private globalPointer(global: GlobalPlacement): MapValuePointer {
    return {
      kind: "map_value",
      name: global.section,
      valueSize: global.sectionSize,
      off: global.off,
      nullable: false,
      id: 0,
      saved: false,
    };
  }

  private unary(expr: Extract<Expr, { kind: "unary" }>, env: Environment): AbsValue {
    switch (expr.op) {
      case "&":
        return this.addressOf(expr.operand, env);
      case "*":
        return this.load(expr, env);
      case "!": {
        const value = this.eval(expr.operand, env);
        const [t, f] = this.truth(expr.operand, value, env.clone());
        return !t ? scalar(1n) : !f ? scalar(0n) : scalar(0n, 1n);
      }
      case "-": {
        const value = this.eval(expr.operand, env);
        return value.kind === "scalar" ? arithmetic("-", scalar(0n), value) : unknown;
      }
      case "++":
      case "--": {
        const value = this.eval(expr.operand, env);
        const next =
          value.kind === "scalar" ? arithmetic(expr.op === "++" ? "+" : "-", value, scalar(1n)) : value;
        this.writeThrough(expr.operand, env, next);
        return next;
      }
      default: {
        this.eval(expr.operand, env);
        return this.valueOfType(this.typeOf(expr));
      }
    }
  }

  private addressOf(operand: Expr, env: Environment): AbsValue {
    if (operand.kind === "ident") {
      const symbol = this.input.program.references[operand.id];
      if (symbol?.kind === "variable") {
        const map = this.input.maps.get(symbol);
        if (map) return { kind: "map_ptr", map };
        const global = this.input.globals.get(symbol);
        if (global) return this.globalPointer(global);
        return { kind: "stack", symbol, off: 0 };
      }
      return unknown;
    }
    const located = this.locate(operand, env);
    return located ? located.base : unknown;
  }

  /**
   * The memory an lvalue designates: a base pointer with the access's offset folded in, and the
   * access size. `p->f`, `*p`, `p[i]`, `s.f` of a local are what programs use.
   */
  private locate(expr: Expr, env: Environment): { base: AbsValue; size: number } | null {
    const type = this.typeOf(expr);
    const size = type && type.kind !== "void" && type.kind !== "function" ? sizeOf(type) : 0;
    if (expr.kind === "unary" && expr.op === "*") return { base: this.eval(expr.operand, env), size };
    if (expr.kind === "member") {
      const access = this.input.program.members.get(expr);
      const fieldOff = access ? access.offset : 0;
      const base = expr.arrow ? this.eval(expr.object, env) : this.addressOf(expr.object, env);
      return { base: displace(base, fieldOff), size };
    }
    if (expr.kind === "index") {
      const arrayType = this.typeOf(expr.array);
      const base = arrayType?.kind === "array" ? this.addressOf(expr.array, env) : this.eval(expr.array, env);
      const index = this.eval(expr.index, env);
      if (index.kind === "scalar" && index.min === index.max)
        return { base: displace(base, Number(index.min) * size), size };
      return { base: base.kind === "stack" ? base : unknown, size };
    }
    if (expr.kind === "ident") return { base: this.addressOf(expr, env), size };
    return null;
  }

  private load(expr: Expr, env: Environment): AbsValue {
    const located = this.locate(expr, env);
    if (!located) return this.valueOfType(this.typeOf(expr));
    this.checkAccess(located.base, located.size, false, expr.span, expr, env);
    const base = located.base;
    if (base.kind === "ctx" && this.kind) {
      const field = packetPointerField(this.kind.type, base.off);
      if (field === "packet") return { kind: "packet", off: 0 };
      if (field === "packet_end") return { kind: "packet_end" };
    }
    return this.valueOfType(this.typeOf(expr));
  }

  private assign(expr: Extract<Expr, { kind: "assign" }>, env: Environment): AbsValue {
    // `r = bpf_tail_call(…)` only stores R0; reading `r` later is what the kernel refuses.
    const right = this.eval(expr.value, env, expr.op === "=" && this.localOf(expr.target) !== null);
    let value = right;
    if (expr.op !== "=") {
      const current = this.eval(expr.target, env);
      value =
        current.kind === "scalar" && right.kind === "scalar"
          ? arithmetic(expr.op.slice(0, -1), current, right)
          : this.valueOfType(this.typeOf(expr.target));
    }
    this.writeThrough(expr.target, env, value);
    return value;
  }

  /** Stores a value: a local's new state, or a memory write the verifier checks. */
  private writeThrough(target: Expr, env: Environment, value: AbsValue): void {
    const symbol = this.localOf(target);
    if (symbol && target.kind === "ident") {
      env.set(symbol, this.assignable(value, symbol.type));
      return;
    }
    const located = this.locate(target, env);
    if (located) this.checkAccess(located.base, located.size, true, target.span, target, env);
  }

  private binary(expr: Extract<Expr, { kind: "binary" }>, env: Environment): AbsValue {
    if (["==", "!=", "<", "<=", ">", ">=", "&&", "||"].includes(expr.op)) {
      this.eval(expr.left, env);
      this.eval(expr.right, env);
      return scalar(0n, 1n);
    }
    const left = this.eval(expr.left, env);
    const right = this.eval(expr.right, env);
    if (left.kind === "scalar" && right.kind === "scalar") {
      const type = this.typeOf(expr);
      const result = arithmetic(expr.op, left, right);
      return type ? this.assignable(result, type) : result;
    }
    const pointerType = this.typeOf(expr.left);
    if ((expr.op === "+" || expr.op === "-") && right.kind === "scalar" && right.min === right.max) {
      const element =
        pointerType?.kind === "pointer" && pointerType.to.kind !== "void" ? sizeOf(pointerType.to) || 1 : 1;
      return displace(left, Number(right.min) * element * (expr.op === "-" ? -1 : 1));
    }
    return this.valueOfType(this.typeOf(expr));
  }

  // ---- calls ----

  private call(expr: CallExpr, env: Environment): AbsValue {
    const args = expr.args.map((arg) => this.eval(arg, env));
    const builtin = expr.callee.kind === "ident" ? memoryBuiltins[expr.callee.name] : undefined;
    if (builtin) {
      // clang expands these into loads and stores in place: each pointer is accessed, nothing is called.
      const length = args[2]?.kind === "scalar" && args[2].min === args[2].max ? Number(args[2].min) : 0;
      builtin.forEach((access, i) => {
        const pointer = args[i];
        if (access && pointer && length > 0)
          this.checkAccess(pointer, length, access === "write", expr.args[i].span, expr.args[i], env);
      });
      return this.valueOfType(this.typeOf(expr));
    }
    const id = this.helperId(expr);
    // A call keeps nothing in R0-R5: clang moves live lookup results to callee-saved registers.
    for (const [symbol, value] of env.locals)
      if (value.kind === "map_value" && value.nullable && !value.saved)
        env.set(symbol, { ...value, saved: true });
    if (id === null) return this.valueOfType(this.typeOf(expr));
    const name = helperById.get(id)?.name ?? `helper ${id}`;
    if (this.kind && !helperAllowed(this.kind.type, id))
      this.error(
        expr.callee.span,
        `program of this type cannot use helper ${name}#${id}`,
        `The kernel gives ${this.kind.type} programs their own set of helpers, and ${name} is not among them.`,
        undefined,
      );
    if (id === 1 || id === 2 || id === 3) return this.mapHelper(id, name, expr, args, env);
    if (id === 12) return { kind: "not_init" };
    return this.valueOfType(this.typeOf(expr));
  }

  private helperId(expr: CallExpr): number | null {
    if (expr.callee.kind !== "ident") return null;
    const symbol = this.input.program.references[expr.callee.id];
    if (symbol?.kind !== "variable") return null;
    return this.input.object.helpers.get(symbol) ?? null;
  }

  /** bpf_map_lookup/update/delete_elem: the key (and value) must be readable for the map's sizes. */
  private mapHelper(id: number, name: string, expr: CallExpr, args: AbsValue[], env: Environment): AbsValue {
    const map = args[0]?.kind === "map_ptr" ? args[0].map : null;
    if (!map) return id === 1 ? unknown : this.valueOfType(this.typeOf(expr));
    this.checkHelperMemory(args[1], map.keySize, 2, expr.args[1], `${name}'s key`);
    if (id === 2) this.checkHelperMemory(args[2], map.valueSize, 3, expr.args[2], `${name}'s value`);
    if (id !== 1) return this.valueOfType(this.typeOf(expr));
    return {
      kind: "map_value",
      name: map.name,
      valueSize: map.valueSize,
      off: 0,
      nullable: true,
      id: this.nextLookupId++,
      saved: false,
      elidable: this.constantArrayKey(map, args[1], env),
    };
  }

  private constantArrayKey(map: MapDefinition, key: AbsValue | undefined, env: Environment): boolean {
    const BPF_MAP_TYPE_ARRAY = 2;
    const BPF_MAP_TYPE_PERCPU_ARRAY = 6;
    if (map.type !== BPF_MAP_TYPE_ARRAY && map.type !== BPF_MAP_TYPE_PERCPU_ARRAY) return false;
    if (key?.kind !== "stack" || key.off !== 0) return false;
    const value = env.get(key.symbol);
    return (
      value?.kind === "scalar" &&
      value.min === value.max &&
      value.min >= 0n &&
      value.min < BigInt(map.maxEntries)
    );
  }

  /** A helper reading `size` bytes through a pointer argument in register `reg`. */
  private checkHelperMemory(
    pointer: AbsValue | undefined,
    size: number,
    reg: number,
    arg: Expr | undefined,
    what: string,
  ): void {
    if (!pointer || !arg) return;
    if (
      pointer.kind === "map_value" &&
      !pointer.nullable &&
      (pointer.off + size > pointer.valueSize || pointer.off < 0)
    ) {
      this.error(
        arg.span,
        `invalid access to map value, value_size=${pointer.valueSize} off=${pointer.off} size=${size}`,
        `${what} is read as ${size} bytes, but it points into ${pointer.name}, which holds only ${pointer.valueSize - pointer.off} byte(s) from there.`,
        undefined,
      );
    } else if (pointer.kind === "stack") {
      const held = sizeOf(pointer.symbol.type) - pointer.off;
      if (held < size)
        this.error(
          arg.span,
          `invalid read from stack R${reg} off=-${held} size=${size}`,
          `${what} is read as ${size} bytes, but '${pointer.symbol.name}' is only ${held} byte(s): declare it as a ${size}-byte type such as __u${size * 8}.`,
          undefined,
        );
    } else if (pointer.kind === "map_value" && pointer.nullable) {
      this.nullDereference(pointer, arg);
    }
  }

  // ---- memory checks ----

  private checkAccess(
    base: AbsValue,
    size: number,
    write: boolean,
    span: Span,
    expr: Expr,
    env: Environment,
  ): void {
    switch (base.kind) {
      case "packet":
        if (base.off < 0 || base.off + size > env.packetRange)
          this.error(
            span,
            `invalid access to packet, off=${base.off} size=${size}, R1(id=0,off=${base.off},r=${env.packetRange})`,
            `Packet bytes may be read only after a check against data_end proves they are there: add \`if (data + ${base.off + size} > data_end) return …;\` first.`,
            undefined,
          );
        return;
      case "map_value":
        if (base.nullable) return this.nullDereference(base, expr);
        if (base.off < 0 || base.off + size > base.valueSize)
          this.error(
            span,
            `invalid access to map value, value_size=${base.valueSize} off=${base.off} size=${size}`,
            `This reaches past the end of the ${base.valueSize}-byte value of ${base.name}.`,
            undefined,
          );
        else if (write && base.name === ".rodata")
          this.error(
            span,
            `write into map forbidden, value_size=${base.valueSize} off=${base.off} size=${size}`,
            "Constants live in a read-only map.",
            undefined,
          );
        return;
      case "ctx":
        if (this.kind && !contextAccessAllowed(this.kind.type, base.off, size, write))
          this.error(
            span,
            `invalid bpf_context access off=${base.off} size=${size}`,
            write
              ? `A ${this.kind.type} program may not write this field of its context; only a few (such as mark, priority and cb[]) are writable.`
              : `A ${this.kind.type} program may not read the context at this offset and size.`,
            undefined,
          );
        return;
      default:
        return;
    }
  }

  private nullDereference(pointer: MapValuePointer, expr: Expr): void {
    const name = this.rootName(expr);
    const elided = pointer.elidable
      ? " Linux 6.13 and later, loading as root, accept this one: the key is a constant on the stack and the map an array, so the lookup cannot fail. Tailscope models the rule older kernels and unprivileged loaders apply, and portable code follows."
      : "";
    this.error(
      expr.span,
      `R${pointer.saved ? 6 : 0} invalid mem access 'map_value_or_null'`,
      `bpf_map_lookup_elem returns NULL when the key is not found, and ${name ? `'${name}'` : "this pointer"} is used before any check against NULL on this path${this.checksOtherPointer ? ` (the check above tests '${this.checksOtherPointer}', which is never NULL)` : ""}. Add \`if (!${name ?? "ptr"}) return …;\` before using it.${elided}`,
      undefined,
    );
  }

  /** The local an access goes through (`ctx2` in `ctx2->value_from_1`), for messages. */
  private rootName(expr: Expr): string | null {
    let current: Expr = expr;
    for (;;) {
      if (current.kind === "member" || current.kind === "index")
        current = current.kind === "member" ? current.object : current.array;
      else if (current.kind === "unary" || current.kind === "cast") current = current.operand;
      else break;
    }
    return current.kind === "ident" ? current.name : null;
  }

  /** A pointer the function tests for NULL that can never be NULL (the seed's `if (!ctx)`). */
  private checksOtherPointer: string | null = null;

  private error(span: Span, message: string, explanation: string, fix: Fix | undefined): void {
    const from = span.file.position(span.start);
    const to = span.file.position(Math.max(span.end, span.start + 1));
    this.errors.push({
      file: span.file.name,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      severity: "error",
      stage: "verify",
      message,
      explanation,
      ...(fix ? { fix } : {}),
    });
  }

  private checkReturn(value: Expr, env: Environment): void {
    const result = this.eval(value, env);
    const range = this.kind?.returnRange;
    if (!this.isEntry || !range || result.kind !== "scalar") return;
    const [lo, hi] = range;
    if (result.min >= BigInt(lo) && result.max <= BigInt(hi)) return;
    this.error(
      value.span,
      `At program exit the register R0 has ${describeBounds(result)} should have been in [${lo}, ${hi}]`,
      `A ${this.kind?.type} program must return a value in [${lo}, ${hi}] (for egress: 0 drop, 1 allow, 2 and 3 also ask for congestion notification).`,
      undefined,
    );
  }
}

/** Whether a loop stores to memory or calls anything: then its state may change where Tailscope does not look. */
function writesOrCalls(loop: Stmt): boolean {
  let found = false;
  walk(loop, (node) => {
    if (node.kind === "call") found = true;
    else if (
      (node.kind === "assign" ||
        node.kind === "postfix" ||
        (node.kind === "unary" && (node.op === "++" || node.op === "--"))) &&
      targetOf(node).kind !== "ident"
    )
      found = true;
  });
  return found;
}

function targetOf(node: Expr): Expr {
  if (node.kind === "assign") return node.target;
  if (node.kind === "postfix" || node.kind === "unary") return node.operand;
  return node;
}

/** How each memory builtin uses its first two arguments. */
const memoryBuiltins: Readonly<Record<string, readonly ("read" | "write" | null)[]>> = {
  __builtin_memset: ["write", null],
  __builtin_memcpy: ["write", "read"],
  __builtin_memmove: ["write", "read"],
  __builtin_memcmp: ["read", "read"],
};

/** The kernel's wording for a scalar's bounds in the return-code message (≥ 6.8). */
function describeBounds(value: Scalar): string {
  const minKnown = value.min !== anyScalar.min;
  const maxKnown = value.max !== anyScalar.max;
  if (minKnown && maxKnown) return `smin=${value.min} smax=${value.max}`;
  if (minKnown) return `smin=${value.min}`;
  if (maxKnown) return `smax=${value.max}`;
  return "unknown scalar value";
}

function displace(base: AbsValue, delta: number): AbsValue {
  switch (base.kind) {
    case "ctx":
    case "packet":
    case "map_value":
    case "stack":
      return { ...base, off: base.off + delta };
    default:
      return base;
  }
}

/** Scalars whose bounds still change after a few passes over a loop lose them. */
function widen(before: Environment, after: Environment): Environment {
  const widened = after.clone();
  for (const [symbol, value] of after.locals) {
    const old = before.get(symbol);
    if (
      value.kind === "scalar" &&
      (!old || old.kind !== "scalar" || old.min !== value.min || old.max !== value.max)
    ) {
      const type = symbol.type;
      widened.set(
        symbol,
        isInteger(type) ? typeRange(integerOf(type).size, integerOf(type).signed) : anyScalar,
      );
    }
  }
  return widened;
}
