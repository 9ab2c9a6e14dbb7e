import type { Diagnostic, Fix } from "../diagnostics/diagnostic";
import type { LoadedObject, MapDefinition } from "../loader/object";
import type { ProgramKind } from "../loader/sections";
import { helperById } from "../source/helper-table";
import type { Span } from "../source/source-file";
import type { CallExpr, Expr, Stmt } from "../syntax/ast";
import { evaluateConstant } from "../types/constant";
import { type CType, integerOf, isInteger, sizeOf } from "../types/ctypes";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../types/symbols";
import { contextAccessAllowed, packetPointerField } from "./context-access";
import type { Environment } from "./environment";
import { helperAllowed } from "./helper-access";
import { arithmetic, convert } from "./scalars";
import { type Tnum, tnumAdd, tnumConst, tnumMul, tnumText, tnumUnknown } from "./tnum";
import {
  type AbsValue,
  type ContextPointer,
  displace,
  isZero,
  type MapValuePointer,
  type Scalar,
  type SocketPointer,
  scalar,
  tnumOf,
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

/**
 * The verifier's view of expressions: what each evaluates to (a pointer kind or scalar bounds),
 * and the checks on every memory access and helper call in them. `FunctionAnalyzer` adds the
 * statements and the paths between them.
 */
export abstract class ExpressionAnalyzer {
  readonly errors: Diagnostic[] = [];
  protected nextLookupId = 1;

  constructor(
    protected readonly input: AnalysisInput,
    protected readonly fn: FunctionSymbol,
    /** The kind of the program being loaded (a subprogram is checked as part of it). */
    protected readonly kind: ProgramKind,
    protected readonly isEntry: boolean,
  ) {}

  /** Runs a statement on a path; statement expressions need it. */
  protected abstract exec(stmt: Stmt, env: Environment | null): Environment | null;
  /** The states in which a test is true and false. */
  protected abstract branch(test: Expr, env: Environment): [Environment | null, Environment | null];

  /** A value tested for truth: NULL checks narrow lookups; known pointers are never NULL. */
  protected truth(test: Expr, value: AbsValue, env: Environment): [Environment | null, Environment | null] {
    if ((value.kind === "map_value" || value.kind === "sock") && value.nullable) {
      const whenTrue = env.clone();
      whenTrue.updateLookup(value.id, (v) => ({
        ...(v as MapValuePointer | SocketPointer),
        nullable: false,
      }));
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
      value.kind === "map_value" ||
      value.kind === "sock"
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

  protected localOf(expr: Expr): VariableSymbol | null {
    const inner = expr.kind === "cast" ? expr.operand : expr;
    if (inner.kind !== "ident") return null;
    const symbol = this.input.program.references[inner.id];
    return symbol?.kind === "variable" && symbol.storage !== "global" ? symbol : null;
  }

  // ---- expressions ----

  protected typeOf(expr: Expr): CType | undefined {
    return this.input.program.exprTypes[expr.id];
  }

  protected valueOfType(type: CType | undefined): AbsValue {
    if (type && isInteger(type)) {
      const int = integerOf(type);
      return typeRange(int.size, int.signed);
    }
    return unknown;
  }

  /** A value as a variable of `type` holds it. */
  protected assignable(value: AbsValue, type: CType): AbsValue {
    if (value.kind === "scalar" && isInteger(type)) {
      const int = integerOf(type);
      return convert(value, int.size, int.signed);
    }
    return value;
  }

  protected constant(expr: Expr): bigint | null {
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

  protected evalInner(expr: Expr, env: Environment): AbsValue {
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

  protected identifier(expr: Extract<Expr, { kind: "ident" }>, env: Environment): AbsValue {
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

  protected globalPointer(global: GlobalPlacement): MapValuePointer {
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

  protected unary(expr: Extract<Expr, { kind: "unary" }>, env: Environment): AbsValue {
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

  protected addressOf(operand: Expr, env: Environment): AbsValue {
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
  protected locate(expr: Expr, env: Environment): { base: AbsValue; size: number } | null {
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
      if (base.kind === "map_value" && index.kind === "scalar")
        return { base: movedWithin(base, index, size), size };
      if (base.kind === "ctx" && index.kind === "scalar") {
        const moved = this.contextIndexed(base, expr.index, size, env);
        return { base: expr.array.kind === "member" ? { ...moved, registerOffset: base.off } : moved, size };
      }
      return { base: base.kind === "stack" ? base : unknown, size };
    }
    if (expr.kind === "ident") return { base: this.addressOf(expr, env), size };
    return null;
  }

  protected load(expr: Expr, env: Environment): AbsValue {
    const located = this.locate(expr, env);
    if (!located) return this.valueOfType(this.typeOf(expr));
    this.checkAccess(located.base, located.size, false, expr.span, expr, env);
    const base = located.base;
    if (base.kind === "ctx" && this.kind) {
      const field = packetPointerField(this.kind.type, base.off);
      if (field === "packet") return { kind: "packet", off: 0 };
      if (field === "packet_end") return { kind: "packet_end" };
      if (this.kind.type !== "xdp" && base.off === SKB_SK_OFFSET && located.size === 8)
        return { kind: "sock", off: 0, nullable: true, id: this.nextLookupId++ };
    }
    return this.valueOfType(this.typeOf(expr));
  }

  protected assign(expr: Extract<Expr, { kind: "assign" }>, env: Environment): AbsValue {
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
  protected writeThrough(target: Expr, env: Environment, value: AbsValue): void {
    const symbol = this.localOf(target);
    if (symbol && target.kind === "ident") {
      env.set(symbol, this.assignable(value, symbol.type));
      return;
    }
    const located = this.locate(target, env);
    if (located) this.checkAccess(located.base, located.size, true, target.span, target, env);
  }

  protected binary(expr: Extract<Expr, { kind: "binary" }>, env: Environment): AbsValue {
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
    if (left.kind === "map_value" && expr.op === "+" && right.kind === "scalar") {
      const element =
        pointerType?.kind === "pointer" && pointerType.to.kind !== "void" ? sizeOf(pointerType.to) || 1 : 1;
      return movedWithin(left, right, element);
    }
    if (left.kind === "ctx" && expr.op === "+" && right.kind === "scalar") {
      const element =
        pointerType?.kind === "pointer" && pointerType.to.kind !== "void" ? sizeOf(pointerType.to) || 1 : 1;
      return this.contextIndexed(left, expr.right, element, env);
    }
    return this.valueOfType(this.typeOf(expr));
  }

  // ---- calls ----

  protected call(expr: CallExpr, env: Environment): AbsValue {
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

  protected helperId(expr: CallExpr): number | null {
    if (expr.callee.kind !== "ident") return null;
    const symbol = this.input.program.references[expr.callee.id];
    if (symbol?.kind !== "variable") return null;
    return this.input.object.helpers.get(symbol) ?? null;
  }

  /** bpf_map_lookup/update/delete_elem: the key (and value) must be readable for the map's sizes. */
  protected mapHelper(
    id: number,
    name: string,
    expr: CallExpr,
    args: AbsValue[],
    env: Environment,
  ): AbsValue {
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

  protected constantArrayKey(map: MapDefinition, key: AbsValue | undefined, env: Environment): boolean {
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
  protected checkHelperMemory(
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

  protected checkAccess(
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
        if (base.variable) this.variableMapValueAccess(base, size, span);
        else if (base.off < 0 || base.off + size > base.valueSize)
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
      case "sock":
        if (base.nullable)
          this.error(
            span,
            "invalid mem access 'sock_common_or_null'",
            "skb->sk is NULL when the packet has no socket, and this reads through it before any check on this path. Add `if (!sk) return …;` first. (The kernel's message also names the register clang used.)",
            undefined,
          );
        else if (!write && !socketFieldReadable(base.off, size))
          this.error(
            span,
            `invalid sock_common access off=${base.off} size=${size}`,
            "Through skb->sk a program may read only the fields every socket has: family, the addresses and ports, state. type, protocol, mark and priority need a full socket (bpf_sk_fullsock). (The kernel's message also names the register clang used.)",
            undefined,
          );
        return;
      case "ctx":
        if (base.variable) this.variableContextAccess(base, span);
        else if (this.kind && !contextAccessAllowed(this.kind.type, base.off, size, write))
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

  /**
   * The context moved by `index` elements of `size` bytes. Clang takes constant terms out of the
   * index into the instruction's offset (`words[(x & 6) + 1]` loads at +4 from ctx + (x & 6) * 4),
   * so only the rest is the register's variable offset, which the kernel prints.
   */
  protected contextIndexed(
    base: ContextPointer,
    index: Expr,
    size: number,
    env: Environment,
  ): ContextPointer {
    let variable = index;
    let constant = 0n;
    for (;;) {
      if (variable.kind !== "binary" || (variable.op !== "+" && variable.op !== "-")) break;
      const right = this.constant(variable.right);
      const left = variable.op === "+" ? this.constant(variable.left) : null;
      if (right !== null) {
        constant += variable.op === "+" ? right : -right;
        variable = variable.left;
      } else if (left !== null) {
        constant += left;
        variable = variable.right;
      } else break;
    }
    const rest = this.evalQuietly(variable, env);
    const bits = rest.kind === "scalar" ? tnumOf(rest) : tnumUnknown;
    const fixed = displace(base, Number(constant) * size) as ContextPointer;
    return movedBy(fixed, tnumMul(bits, tnumConst(BigInt(size))));
  }

  /**
   * An access to a map value at an offset the program computed (check_mem_region_access), in
   * the kernel's order: the smallest offset out of the value, no upper bound at all (2^29 or
   * more), the largest offset out of the value. A negative smallest offset is let go: the kernel
   * refuses one ("min value is negative"), but clang often proves an index non-negative where
   * the C does not (an array index may not be negative) and drops the sign, and Tailscope
   * cannot tell when. The kernel's messages start with the register clang chose (R0, R6 …),
   * which Tailscope cannot know and leaves out.
   */
  protected variableMapValueAccess(base: MapValuePointer, size: number, span: Span): void {
    const { min, max } = base.variable ?? { min: 0n, max: 0n };
    const off = BigInt(base.off);
    const outside = (at: bigint) =>
      `invalid access to map value, value_size=${base.valueSize} off=${at} size=${size}`;
    const bound =
      "Check the index against the array's length first (`if (i >= N) return …;`), on every path to this access, with an unsigned index.";
    if (min + off < 0n) return;
    if (off + min + BigInt(size) > BigInt(base.valueSize))
      this.error(
        span,
        outside(off + min),
        `Even the smallest index reaches past the end of the ${base.valueSize}-byte value of ${base.name}.`,
        undefined,
      );
    else if (max >= BPF_MAX_VAR_OFF)
      this.error(
        span,
        "unbounded memory access, make sure to bounds check any such access",
        `Nothing bounds the index on this path, so the access could land anywhere past ${base.name}'s value. ${bound}`,
        undefined,
      );
    else if (off + max + BigInt(size) > BigInt(base.valueSize))
      this.error(
        span,
        outside(off + max),
        `The largest index this path allows reaches past the end of the ${base.valueSize}-byte value of ${base.name}. ${bound}`,
        undefined,
      );
  }

  /** A value computed again, for what it is: on a copy of the state, its errors already said once. */
  protected evalQuietly(expr: Expr, env: Environment): AbsValue {
    const said = this.errors.length;
    const value = this.eval(expr, env.clone());
    this.errors.length = said;
    return value;
  }

  /**
   * An access to the context at an offset the program computed (check_ptr_off_reg): the kernel
   * first refuses a fixed offset in the register, then a variable one. The first message names
   * the register clang chose (R3, R1 …), which Tailscope cannot know, so it leaves it out.
   */
  protected variableContextAccess(base: ContextPointer, span: Span): void {
    const why =
      "The verifier rewrites each context access into a read or write of the kernel's own structure, so the offset must be fixed when the program loads. Use constant indexes (cb[0], cb[1] …), a switch over the few values, or keep the data in a map.";
    if (base.registerOffset)
      this.error(
        span,
        `dereference of modified ctx ptr off=${base.registerOffset} disallowed`,
        `${why} (The kernel's message also names the register clang put the pointer in, such as R3.)`,
        undefined,
      );
    else if (base.variable)
      this.error(span, `variable ctx access var_off=${tnumText(base.variable)} disallowed`, why, undefined);
  }

  protected nullDereference(pointer: MapValuePointer, expr: Expr): void {
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
  protected rootName(expr: Expr): string | null {
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
  protected checksOtherPointer: string | null = null;

  protected error(span: Span, message: string, explanation: string, fix: Fix | undefined): void {
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
}

/** How each memory builtin uses its first two arguments. */
const memoryBuiltins: Readonly<Record<string, readonly ("read" | "write" | null)[]>> = {
  __builtin_memset: ["write", null],
  __builtin_memcpy: ["write", "read"],
  __builtin_memmove: ["write", "read"],
  __builtin_memcmp: ["read", "read"],
};

/** The context moved by a variable amount: the kernel adds it to the pointer's var_off. */
function movedBy(base: ContextPointer, amount: Tnum): ContextPointer {
  return { ...base, variable: base.variable ? tnumAdd(base.variable, amount) : amount };
}

/** The kernel's BPF_MAX_VAR_OFF: a variable offset must be bounded below it. */
const BPF_MAX_VAR_OFF = 1n << 29n;

/** A map value pointer moved by `index` elements of `size` bytes, which the program computed. */
function movedWithin(base: MapValuePointer, index: Scalar, size: number): MapValuePointer {
  if (index.min === index.max) return { ...base, off: base.off + Number(index.min) * size };
  const scale = BigInt(size);
  const before = base.variable ?? { min: 0n, max: 0n };
  return { ...base, variable: { min: before.min + index.min * scale, max: before.max + index.max * scale } };
}

/** `struct __sk_buff`'s `sk` field (include/uapi/linux/bpf.h). */
const SKB_SK_OFFSET = 168;

/**
 * A read of `struct bpf_sock` through a sock_common pointer (bpf_sock_common_is_valid_access):
 * inside the 80-byte struct, aligned to its size, not type, protocol, mark or priority.
 */
function socketFieldReadable(off: number, size: number): boolean {
  if (off < 0 || off + size > 80 || off % size !== 0) return false;
  return off + size <= 8 || off >= 24;
}
