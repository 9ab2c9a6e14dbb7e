import type { Span } from "../source/source-file";
import type { CallExpr, Expr, Stmt } from "../syntax/ast";
import { evaluateConstant } from "../types/constant";
import { type CType, integerOf, isInteger, sizeOf } from "../types/ctypes";
import type { FunctionSymbol, VariableSymbol } from "../types/symbols";
import {
  type AbsValue,
  type ContextPointer,
  displace,
  isZero,
  type MapValuePointer,
  PACKET_META_ID,
  type PacketPointer,
  scalar,
  typeRange,
  unknown,
} from "./abstract-values";
import { AccessChecker } from "./access-checker";
import type { GlobalPlacement } from "./analysis-input";
import { btfLoaded } from "./btf-values";
import {
  contextMovedBy,
  MovedPacketIds,
  movedWithin,
  packetMovedBy,
  SKB_SK_OFFSET,
  splitConstantTerms,
} from "./computed-offsets";
import { hasSkbSocket, packetPointerField } from "./context-access";
import type { Environment } from "./environment";
import { splitOnNull } from "./null-checks";
import { arithmetic, convert } from "./scalars";
import { frameOffset } from "./stack";

/**
 * The verifier's view of expressions: what each evaluates to (a pointer kind or scalar bounds),
 * and the checks on every memory access and helper call in them. `FunctionAnalyzer` adds the
 * statements and the paths between them.
 */

export abstract class ExpressionAnalyzer extends AccessChecker {
  protected nextLookupId = 1;

  /** Runs a statement on a path; statement expressions need it. */
  protected abstract exec(stmt: Stmt, env: Environment | null): Environment | null;
  /** What a call to a function of the program returns, given its arguments; null if not known. */
  protected abstract returnOf(callee: FunctionSymbol, args: readonly AbsValue[]): AbsValue | null;
  /** The states in which a test is true and false. */
  protected abstract branch(test: Expr, env: Environment): [Environment | null, Environment | null];
  /** A call's value, with the checks on its arguments (a helper's, or a function of the program's). */
  protected abstract call(expr: CallExpr, env: Environment): AbsValue;

  /** A value tested for truth: NULL checks narrow lookups; known pointers are never NULL. */
  protected truth(test: Expr, value: AbsValue, env: Environment): [Environment | null, Environment | null] {
    const split = splitOnNull(value, env);
    if (split) return split;
    if (value.kind === "ctx") {
      const symbol = this.localOf(test);
      if (symbol) this.checksOtherPointer = symbol.name;
    }
    if (
      ["ctx", "stack", "packet", "packet_end", "map_ptr"].includes(value.kind) ||
      value.kind === "map_value" ||
      value.kind === "sock" ||
      value.kind === "mem" ||
      value.kind === "btf"
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

  /**
   * Stores a value in a local. A volatile local lives on the stack, and the kernel keeps a
   * scalar stored there only in a slot it tracks, at an 8-byte aligned offset
   * (check_stack_write_fixed_off). Stored anywhere else, the bytes become STACK_MISC (STACK_ZERO
   * for a zero) and reading them back gives only the type's range; and a register spilled into
   * the same 8-byte slot is scrubbed with them, so its local is lost too.
   */
  protected storeLocal(env: Environment, symbol: VariableSymbol, value: AbsValue): void {
    const held = this.assignable(value, symbol.type);
    const offset = symbol.type.volatile ? frameOffset(this.input.program, this.fn, symbol) : null;
    if (offset === null || offset % 8 === 0 || held.kind !== "scalar" || isZero(held)) {
      env.set(symbol, held);
      return;
    }
    const slot = Math.floor(offset / 8);
    for (const other of env.locals.keys()) {
      const at =
        other === symbol || other.type.volatile ? frameOffset(this.input.program, this.fn, other) : null;
      if (at !== null && Math.floor(at / 8) === slot) env.set(other, this.valueOfType(other.type));
    }
    env.set(symbol, this.valueOfType(symbol.type));
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
    if (global) return global.constant === undefined ? this.valueOfType(type) : scalar(global.constant);
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
      if (base.kind === "packet" && index.kind === "scalar")
        return { base: this.packetIndexed(base, expr.index, size, env, expr.span), size };
      if (base.kind === "ctx" && index.kind === "scalar") {
        const moved = this.contextIndexed(base, expr.index, size, env);
        return { base: expr.array.kind === "member" ? { ...moved, registerOffset: base.off } : moved, size };
      }
      if (base.kind === "stack" && index.kind === "scalar")
        return {
          base: { ...base, variable: { min: index.min * BigInt(size), max: index.max * BigInt(size) } },
          size,
        };
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
    const typed = btfLoaded(this.kind, base, located.size, this.typeOf(expr));
    if (typed) return { ...typed, id: this.nextLookupId++ };
    if (base.kind === "ctx" && this.kind) {
      const field = packetPointerField(this.kind, base.off);
      if (field === "packet") return { kind: "packet", off: 0 };
      if (field === "packet_meta") return { kind: "packet", off: 0, id: PACKET_META_ID, meta: true };
      if (field === "packet_end") return { kind: "packet_end" };
      if (hasSkbSocket(this.kind.type) && base.off === SKB_SK_OFFSET && located.size === 8)
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
      this.storeLocal(env, symbol, value);
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
    if (left.kind === "packet" && expr.op === "+" && right.kind === "scalar") {
      const element =
        pointerType?.kind === "pointer" && pointerType.to.kind !== "void" ? sizeOf(pointerType.to) || 1 : 1;
      return this.packetIndexed(left, expr.right, element, env, expr.span);
    }
    if (left.kind === "ctx" && expr.op === "+" && right.kind === "scalar") {
      const element =
        pointerType?.kind === "pointer" && pointerType.to.kind !== "void" ? sizeOf(pointerType.to) || 1 : 1;
      return this.contextIndexed(left, expr.right, element, env);
    }
    return this.valueOfType(this.typeOf(expr));
  }

  /**
   * A packet pointer moved by `index` elements of `size` bytes. Constant terms of the index stay
   * a fixed offset; the rest makes a new pointer with its own id and no proved range
   * (adjust_ptr_min_max_vals), refused at once when its bounds are out of the verifier's reach
   * (check_reg_sane_offset).
   */
  protected packetIndexed(
    base: PacketPointer,
    index: Expr,
    size: number,
    env: Environment,
    span: Span,
  ): AbsValue {
    const { variable, constant } = splitConstantTerms(index, (e) => this.constant(e));
    const moved = displace(base, Number(constant) * size) as PacketPointer;
    const value = this.evalQuietly(variable, env);
    if (value.kind !== "scalar") return unknown;
    const result = packetMovedBy(moved, value, size, () => this.movedPacketIds.idOf(moved, value, size));
    if ("kind" in result) return result;
    this.report(span, result);
    return unknown;
  }

  /** The context moved by `index` elements of `size` bytes (see contextMovedBy). */
  protected contextIndexed(
    base: ContextPointer,
    index: Expr,
    size: number,
    env: Environment,
  ): ContextPointer {
    const { variable, constant } = splitConstantTerms(index, (e) => this.constant(e));
    return contextMovedBy(base, Number(constant), this.evalQuietly(variable, env), size);
  }

  /** Ids of packet pointers moved by an index (see MovedPacketIds). */
  private readonly movedPacketIds = new MovedPacketIds(() => this.nextLookupId++);

  /** A value computed again, for what it is: on a copy of the state, its errors already said once. */
  protected evalQuietly(expr: Expr, env: Environment): AbsValue {
    const said = this.errors.length;
    const value = this.eval(expr, env.clone());
    this.errors.length = said;
    return value;
  }
}
