import type { Span } from "../../source/source-file";
import type { Expr, MemberExpr } from "../../syntax/ast";
import { readUnsigned } from "../../target/bytes";
import {
  type CType,
  integerOf,
  intType,
  isInteger,
  promote,
  sizeOf,
  unqualified,
  usualArithmetic,
} from "../../types/ctypes";
import { generateStore, requirePointer, storeBitField } from "../access";
import type { Frame } from "../machine-state";
import { isPointer, RuntimeFault, representation, type Value } from "../values";
import { convertValue, integerOperation } from "./arithmetic";
import type { FunctionGenerator } from "./function-generator";
import { type Eval, jsConstant, jsIsPointer, jsOf, jsWrap, jsWrite, withJs } from "./generated";
import { generateInitializerStores } from "./initializers";
import { localStorer, type Store, withJsStore } from "./locals";

// Lvalues: the address an expression designates, and stores into it (plain, through a
// pointer, bit-fields), with assignment and increments built on them. The value side is in
// expressions.ts; this part reaches it through the generator's table (`c.rvalue`).

export const decayed = (type: CType): CType =>
  type.kind === "array"
    ? { kind: "pointer", to: type.of }
    : type.kind === "function"
      ? { kind: "pointer", to: type }
      : type;

/** An expression whose value never changes (a constant, a map, a global's address). */
export function fixed(c: FunctionGenerator, value: Value): Eval {
  return Object.assign(
    withJs(() => value, jsConstant(c.source, value)),
    { fixed: { value } },
  );
}

export function addressParts(
  c: FunctionGenerator,
  expr: Expr,
): { base: Eval; displacement: number; displaced: boolean } {
  if (expr.kind === "member") {
    const access = c.env.program.members.get(expr);
    if (!access) throw new Error(`unchecked member ${expr.member}`);
    const base = expr.arrow ? c.rvalue(expr.object) : address(c, expr.object);
    return { base, displacement: access.offset, displaced: true };
  }
  return { base: address(c, expr), displacement: 0, displaced: false };
}

/** The fault for a load or store through a base that is not a pointer, worded as where it was found. */
export function notAddressable(base: Value, span: Span, displaced: boolean, write: boolean): never {
  if (displaced) displace(base, 0, span);
  requirePointer(base, 0, span, write);
  throw new RuntimeFault("not an address", span);
}

/** The address an lvalue designates. */
export function address(c: FunctionGenerator, expr: Expr): Eval {
  switch (expr.kind) {
    case "ident": {
      const symbol = c.env.program.references[expr.id];
      if (symbol?.kind === "variable") {
        const global = c.env.globals.get(symbol);
        if (global) return fixed(c, { region: global, offset: 0 });
        const map = c.env.mapHandles.get(symbol);
        if (map) return fixed(c, map);
        const offset = c.localOffset(symbol);
        return withJs((f) => ({ region: f.stack, offset }), `{ region: f.stack, offset: ${offset} }`);
      }
      if (symbol?.kind === "function") return fixed(c, c.env.functionHandle(symbol));
      throw new Error(`no address for ${expr.name}`);
    }
    case "unary":
      if (expr.op === "*") return c.rvalue(expr.operand);
      break;
    case "member":
      return memberAddress(c, expr);
    case "index": {
      const baseType = decayed(c.typeOf(expr.array));
      const [pointerExpr, indexExpr] =
        baseType.kind === "pointer" ? [expr.array, expr.index] : [expr.index, expr.array];
      const base = c.rvalue(pointerExpr);
      const index = c.rvalue(indexExpr);
      const size = sizeOf(c.typeOf(expr));
      const span = expr.span;
      return (f) => displace(base(f), Number(index(f)) * size, span);
    }
    case "string": {
      const bytes = new Uint8Array(expr.bytes.length + 1);
      bytes.set(expr.bytes);
      return fixed(c, { region: c.env.stringRegion(bytes), offset: 0 });
    }
    case "compound-literal": {
      const type = c.typeOf(expr);
      const offset = c.allocate(type);
      const fill = generateInitializerStores(c, c.env.program.initializers.get(expr) ?? [], type);
      return (f) => {
        const at = { region: f.stack, offset };
        fill(f, at);
        return at;
      };
    }
    case "cast":
      return address(c, expr.operand);
    default:
      break;
  }
  throw new Error(`${expr.kind} is not an lvalue`);
}

export function displace(base: Value, bytes: number, span: Span): Value {
  if (isPointer(base)) return { region: base.region, offset: base.offset + bytes };
  if (base === null) throw new RuntimeFault("arithmetic on a NULL pointer before dereferencing it", span);
  throw new RuntimeFault("pointer arithmetic on a value that is not a pointer", span);
}

function memberAddress(c: FunctionGenerator, expr: MemberExpr): Eval {
  const access = c.env.program.members.get(expr);
  if (!access) throw new Error(`unchecked member ${expr.member}`);
  const base = expr.arrow ? c.rvalue(expr.object) : address(c, expr.object);
  const offset = access.offset;
  const span = expr.span;
  return (f) => displace(base(f), offset, span);
}

/** Bit-fields are read and written as bits of the bytes that hold them (little-endian order). */
export function bitFieldLoad(c: FunctionGenerator, expr: MemberExpr, type: CType): Eval {
  const access = c.env.program.members.get(expr);
  const record = expr.arrow ? c.rvalue(expr.object) : address(c, expr.object);
  const bitOffset = access?.bitOffset ?? 0;
  const width = access?.field.bitWidth ?? 0;
  const recordOffset = (access?.offset ?? 0) - access!.field.offset;
  const signed = isInteger(type) && type.kind === "int" && type.signed;
  const span = expr.span;
  return (f) => {
    const base = record(f);
    const firstByte = Math.floor(bitOffset / 8);
    const lastByte = Math.floor((bitOffset + width - 1) / 8);
    const at = displace(base, recordOffset + firstByte, span);
    if (!isPointer(at) || at.offset + (lastByte - firstByte) + 1 > at.region.size)
      throw new RuntimeFault("bit-field outside its object", span);
    const raw = readUnsigned(at.region.bytes, at.region.start + at.offset, lastByte - firstByte + 1);
    let value = (raw >> BigInt(bitOffset % 8)) & ((1n << BigInt(width)) - 1n);
    if (signed && value >> BigInt(width - 1)) value -= 1n << BigInt(width);
    return convertValue(value, type, type);
  };
}

function bitFieldStore(c: FunctionGenerator, expr: MemberExpr): (f: Frame, value: Value) => void {
  const access = c.env.program.members.get(expr);
  const record = expr.arrow ? c.rvalue(expr.object) : address(c, expr.object);
  const bitOffset = access?.bitOffset ?? 0;
  const width = access?.field.bitWidth ?? 0;
  const recordOffset = (access?.offset ?? 0) - access!.field.offset;
  const span = expr.span;
  return (f, value) => {
    const at = displace(record(f), recordOffset, span);
    if (!isPointer(at)) throw new RuntimeFault("bit-field outside its object", span);
    storeBitField(at, bitOffset, width, value);
  };
}

export function isBitField(c: FunctionGenerator, expr: Expr): expr is MemberExpr {
  return expr.kind === "member" && c.env.program.members.get(expr)?.field.bitWidth !== undefined;
}

/** A store into an lvalue (ordinary or bit-field), compiled once. */
export function storer(c: FunctionGenerator, target: Expr): Store {
  if (isBitField(c, target)) return bitFieldStore(c, target);
  const type = c.typeOf(target);
  const symbol = target.kind === "ident" ? c.env.program.references[target.id] : undefined;
  const span = target.span;
  if (symbol?.kind === "variable") {
    const local = localStorer(c, symbol, type, span);
    if (local) return local;
  }
  const { base, displacement, displaced } = addressParts(c, target);
  const write = generateStore(type, span);
  const fault = (at: Value) => notAddressable(at, span, displaced, true);
  const closure = (f: Frame, value: Value) => {
    const at = base(f);
    if (!isPointer(at)) return fault(at);
    write(f, at.region, at.offset + displacement, value);
  };
  const s = c.source;
  const [t, r, o] = [s.temp(), s.temp(), s.temp()];
  const size = sizeOf(type);
  const fast = (v: string): string | null => {
    if (representation(type) === "pointer") return `storePointer(${r}, ${o}, ${v})`;
    if (!isInteger(type)) return null;
    const bytes =
      size === 8 ? `writeWide(${r}, ${o}, ${v})` : jsWrite(`${r}.view`, `${r}.start + ${o}`, size, v);
    return bytes && `(${r}.pointers.size > 0 && forgetPointers(${r}, ${o}, ${size}), ${bytes})`;
  };
  if (fast("v") === null) return closure;
  const baseJs = jsOf(s, base);
  return withJsStore(closure, (v) => {
    const plain = `${o} >= 0 && ${o} + ${size} <= ${r}.size && ${r}.writable && (${r}.mapSlot === undefined || f.run.machine.observer === null)`;
    const pointed = `(${r} = ${t}.region, ${o} = ${t}.offset + ${displacement}, ${plain} ? ${fast(v)} : ${s.constant(write)}(f, ${r}, ${o}, ${v}))`;
    return `(${t} = ${baseJs}, ${jsIsPointer(t)} ? ${pointed} : ${s.constant(fault)}(${t}))`;
  });
}

export function assignment(c: FunctionGenerator, expr: Extract<Expr, { kind: "assign" }>): Eval {
  const targetType = unqualified(c.typeOf(expr.target));
  const write = storer(c, expr.target);
  if (expr.op === "=") {
    const value = c.converted(expr.value, targetType);
    const closure: Eval = (f) => {
      const v = value(f);
      write(f, v);
      return v;
    };
    if (write.jsStore === undefined) return closure;
    const v = c.source.temp();
    return withJs(closure, `(${v} = ${jsOf(c.source, value)}, ${write.jsStore(v)}, ${v})`);
  }
  const current = c.rvalue(expr.target);
  const combine = compound(expr.op.slice(0, -1), targetType, c.typeOf(expr.value));
  const value = c.rvalue(expr.value);
  const closure: Eval = (f) => {
    const v = combine(current(f), value(f));
    write(f, v);
    return v;
  };
  if (write.jsStore === undefined) return closure;
  // In source, the read, the value and the store; the operation stays the closure's.
  const s = c.source;
  const [a, b, v] = [s.temp(), s.temp(), s.temp()];
  return withJs(
    closure,
    `(${a} = ${jsOf(s, current)}, ${b} = ${jsOf(s, value)}, ${v} = ${s.constant(combine)}(${a}, ${b}), ${write.jsStore(v)}, ${v})`,
  );
}

/** `a op= b`: the operation in the common type, the result converted back to a's type. */
function compound(op: string, target: CType, valueType: CType): (a: Value, b: Value) => Value {
  if (target.kind === "pointer") {
    const size = sizeOf(target.to) || 1;
    const sign = op === "+" ? 1 : -1;
    return (a, b) => (isPointer(a) ? { region: a.region, offset: a.offset + sign * Number(b) * size } : a);
  }
  const common = op === "<<" || op === ">>" ? promote(target) : usualArithmetic(target, decayed(valueType));
  const operation = integerOperation(op, common);
  const from = decayed(valueType);
  return (a, b) =>
    convertValue(operation(convertValue(a, target, common), convertValue(b, from, common)), common, target);
}

/**
 * `x++`, `x--`, `++x` and `--x`: a closure that gives the value before and after, and the same
 * as source giving one of them (undefined when the store has no source).
 */
export function incrementer(
  c: FunctionGenerator,
  target: Expr,
  delta: number,
  span: Span,
): {
  readonly step: (f: Frame) => { before: Value; after: Value };
  readonly js: (result: "before" | "after") => string | undefined;
} {
  const type = unqualified(c.typeOf(target));
  const current = c.rvalue(target);
  const write = storer(c, target);
  const step = type.kind === "pointer" ? sizeOf(type.to) || 1 : 1;
  const operation = type.kind === "pointer" ? null : integerOperation("+", type);
  const one = convertValue(delta, intType, type.kind === "pointer" ? intType : type);
  const advance = (before: Value): Value =>
    type.kind === "pointer"
      ? displace(before, delta * step, span)
      : (operation as (a: Value, b: Value) => Value)(before, one);
  const js = (result: "before" | "after") => {
    if (write.jsStore === undefined) return undefined;
    const s = c.source;
    const [b, a] = [s.temp(), s.temp()];
    // A small integer on a number: the operation's own formula (smallOperation's `+`).
    const small = isInteger(type) && representation(type) === "small" && typeof one === "number";
    const next = small
      ? `typeof ${b} === "number" ? ${jsWrap(`${b} + ${one}`, integerOf(type).size * 8, integerOf(type).signed)} : ${s.constant(advance)}(${b})`
      : `${s.constant(advance)}(${b})`;
    return `(${b} = ${jsOf(s, current)}, ${a} = ${next}, ${write.jsStore(a)}, ${result === "before" ? b : a})`;
  };
  return {
    step: (f) => {
      const before = current(f);
      const after = advance(before);
      write(f, after);
      return { before, after };
    },
    js,
  };
}
