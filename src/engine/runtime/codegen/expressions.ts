import type { Span } from "../../source/source-file";
import type { Expr, MemberExpr } from "../../syntax/ast";
import { readUnsigned, writeBits } from "../../target/bytes";
import { evaluateConstant } from "../../types/constant";
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
import { generateLoad, generateStore, load, requirePointer } from "../access";
import type { Frame } from "../machine-state";
import { markWritten } from "../memory";
import { isPointer, RuntimeFault, representation, type Value } from "../values";
import { comparison, convertValue, generateConversion, integerOperation, isTruthy } from "./arithmetic";
import { generateCall } from "./calls";
import type { FunctionGenerator } from "./function-generator";
import {
  type Eval,
  jsConstant,
  jsIsPointer,
  jsOf,
  jsRead,
  jsTruthy,
  jsWrap,
  jsWrite,
  withJs,
} from "./generated";
import { generateInitializerStores } from "./initializers";
import { localScalar, localStorer, type Store, withJsStore } from "./locals";
import { generateStatementExpression } from "./statements";

const decayed = (type: CType): CType =>
  type.kind === "array"
    ? { kind: "pointer", to: type.of }
    : type.kind === "function"
      ? { kind: "pointer", to: type }
      : type;

/** An expression whose value never changes (a constant, a map, a global's address). */
function fixed(c: FunctionGenerator, value: Value): Eval {
  return Object.assign(
    withJs(() => value, jsConstant(c.source, value)),
    { fixed: { value } },
  );
}

/** The value of an expression, with arrays and functions decayed to pointers. */
export function rvalue(c: FunctionGenerator, expr: Expr): Eval {
  const given = c.holes.get(expr);
  if (given) return given;
  const constant = constantValue(c, expr);
  if (constant !== undefined) return fixed(c, constant);
  const type = c.typeOf(expr);
  if (type.kind === "array") return address(c, expr);
  switch (expr.kind) {
    case "ident":
      return identifierValue(c, expr.id, expr.name, expr.span, type);
    case "unary":
      return unaryValue(c, expr);
    case "postfix": {
      const step = incrementer(c, expr.operand, expr.op === "++" ? 1 : -1, expr.span);
      return (f) => step(f).before;
    }
    case "binary":
      return binaryValue(c, expr);
    case "assign":
      return assignment(c, expr);
    case "conditional": {
      const test = rvalue(c, expr.test);
      const then = expr.then ? converted(c, expr.then, type) : test;
      const otherwise = converted(c, expr.otherwise, type);
      const s = c.source;
      return withJs(
        (f) => (isTruthy(test(f)) ? then(f) : otherwise(f)),
        `(${jsTruthy(s, jsOf(s, test))} ? ${jsOf(s, then)} : ${jsOf(s, otherwise)})`,
      );
    }
    case "comma": {
      const left = rvalue(c, expr.left);
      const right = rvalue(c, expr.right);
      return withJs(
        (f) => {
          left(f);
          return right(f);
        },
        `(${jsOf(c.source, left)}, ${jsOf(c.source, right)})`,
      );
    }
    case "call":
      return generateCall(c, expr);
    case "cast":
      return converted(c, expr.operand, type);
    case "statement-expr":
      return generateStatementExpression(c, expr);
    case "member":
    case "index":
    case "compound-literal":
    case "string":
      return loadFrom(c, expr, type);
    default:
      throw new Error(`cannot evaluate ${expr.kind} at run time`);
  }
}

/** The value converted to `to`, as assignment and casts convert. */
export function converted(c: FunctionGenerator, expr: Expr, to: CType): Eval {
  const value = rvalue(c, expr);
  const from = decayed(c.typeOf(expr));
  if (to.kind === "void" || conversionIsIdentity(from, to)) return value;
  const convert = generateConversion(from, to);
  // A constant converts once, here (`return SK_PASS;` in a `long` function, a format's size).
  if (value.fixed) return fixed(c, convert(value.fixed.value));
  const s = c.source;
  const v = s.temp();
  let js = `${s.constant(convert)}(${jsOf(s, value)})`;
  // A pointer (a region and an offset, or a map or function) converts to a pointer type unchanged.
  if (to.kind === "pointer")
    js = `(${v} = ${jsOf(s, value)}, ${v} !== null && typeof ${v} === "object" ? ${v} : ${s.constant(convert)}(${v}))`;
  else if (isInteger(from) && isInteger(to) && integerOf(to).rank !== 0 && integerOf(to).size <= 4) {
    const { size, signed } = integerOf(to);
    js = `(${v} = ${jsOf(s, value)}, typeof ${v} === "number" ? ${jsWrap(v, size * 8, signed)} : ${s.constant(convert)}(${v}))`;
  }
  return withJs((f) => convert(value(f)), js);
}

/**
 * Whether every value of `from` is already the same value of `to`, so no code need run: a small
 * integer into a type whose range holds it (u8 → int, int → int), a 64-bit one into one of the
 * same signedness. Integers are held wrapped to their type, so nothing is left to wrap.
 */
function conversionIsIdentity(from: CType, to: CType): boolean {
  if (!isInteger(from) || !isInteger(to)) return false;
  const a = integerOf(from);
  const b = integerOf(to);
  if (a.rank === 0 || b.rank === 0) return a.rank === b.rank;
  const small = a.size <= 4 && b.size <= 4;
  if (small) return a.size === b.size ? a.signed === b.signed : a.size < b.size && (b.signed || !a.signed);
  return a.size === 8 && b.size === 8 && a.signed === b.signed;
}

function constantValue(c: FunctionGenerator, expr: Expr): Value | undefined {
  if (expr.kind === "string" || expr.kind === "ident" || expr.kind === "compound-literal") return undefined;
  const type = c.typeOf(expr);
  if (!isInteger(type)) return undefined;
  const value = evaluateConstant(c.env.program, expr);
  if (value?.kind !== "int") return undefined;
  return convertValue(value.value, type, type);
}

function loadFrom(c: FunctionGenerator, expr: Expr, type: CType): Eval {
  if (expr.kind === "member") {
    const access = c.env.program.members.get(expr);
    if (access?.field.bitWidth !== undefined) return bitFieldLoad(c, expr, type);
  }
  const { base, displacement, displaced } = addressParts(c, expr);
  return loadThrough(c, base, displacement, displaced, type, expr.span);
}

/** A load of `type` at a base pointer plus a constant displacement, as a closure and as source. */
function loadThrough(
  c: FunctionGenerator,
  base: Eval,
  displacement: number,
  displaced: boolean,
  type: CType,
  span: Span,
): Eval {
  const read = generateLoad(type, span);
  const fault = (at: Value) => notAddressable(at, span, displaced, false);
  const closure: Eval = (f) => {
    const at = base(f);
    if (!isPointer(at)) return fault(at);
    return read(f, at.region, at.offset + displacement);
  };
  const s = c.source;
  const [t, r, o] = [s.temp(), s.temp(), s.temp()];
  const fast = jsReadValue(type, r, o);
  if (fast === null) return closure;
  const size = sizeOf(type);
  const plain = `${o} >= 0 && ${o} + ${size} <= ${r}.size && ${r}.kind !== "context" && (${r}.mapSlot === undefined || f.run.machine.observer === null)`;
  const pointed = `(${r} = ${t}.region, ${o} = ${t}.offset + ${displacement}, ${plain} ? ${fast} : ${s.constant(read)}(f, ${r}, ${o}))`;
  return withJs(
    closure,
    `(${t} = ${jsOf(s, base)}, ${jsIsPointer(t)} ? ${pointed} : ${s.constant(fault)}(${t}))`,
  );
}

/** Source reading a value of `type` at offset `o` of region `r`, bounds checked; null for structs. */
function jsReadValue(type: CType, r: string, o: string): string | null {
  switch (representation(type)) {
    case "small":
    case "wide": {
      if (!isInteger(type)) return null;
      const { size, signed } = integerOf(type);
      // 64 bits may hold a pointer stored through an integer type: readWide keeps it.
      if (size === 8) return `readWide(${r}, ${o}, ${signed})`;
      return jsRead(`${r}.view`, `${r}.start + ${o}`, size, signed);
    }
    case "pointer":
      return `loadPointer(${r}, ${o})`;
    default:
      return null;
  }
}

/**
 * An lvalue's address as a base and a constant displacement: `p->field` is p's value and the
 * field's offset, so a member access builds no pointer object of its own.
 */
function addressParts(
  c: FunctionGenerator,
  expr: Expr,
): { base: Eval; displacement: number; displaced: boolean } {
  if (expr.kind === "member") {
    const access = c.env.program.members.get(expr);
    if (!access) throw new Error(`unchecked member ${expr.member}`);
    const base = expr.arrow ? rvalue(c, expr.object) : address(c, expr.object);
    return { base, displacement: access.offset, displaced: true };
  }
  return { base: address(c, expr), displacement: 0, displaced: false };
}

/** The fault for a load or store through a base that is not a pointer, worded as where it was found. */
function notAddressable(base: Value, span: Span, displaced: boolean, write: boolean): never {
  if (displaced) displace(base, 0, span);
  requirePointer(base, 0, span, write);
  throw new RuntimeFault("not an address", span);
}

function identifierValue(c: FunctionGenerator, id: number, name: string, span: Span, type: CType): Eval {
  const symbol = c.env.program.references[id];
  if (!symbol) throw new Error(`unresolved identifier ${name}`);
  if (symbol.kind === "enum-constant") return fixed(c, convertValue(symbol.value, type, type));
  if (symbol.kind === "function") return fixed(c, c.env.functionHandle(symbol));
  if (symbol.kind !== "variable") throw new Error(`${name} is not a value`);
  const map = c.env.mapHandles.get(symbol);
  if (map) return fixed(c, map);
  const helper = c.env.object.helpers.get(symbol);
  if (helper !== undefined) return fixed(c, { kind: "function" as const, symbol: null, helperId: helper });
  const local = localScalar(c, symbol, type);
  if (local) return local.read;
  if (!c.env.globals.has(symbol)) {
    const offset = c.localOffset(symbol);
    const read = generateLoad(type, span);
    const js =
      representation(type) === "pointer"
        ? `loadPointer(f.stack, ${offset})`
        : `${c.source.constant(read)}(f, f.stack, ${offset})`;
    return withJs((f) => read(f, f.stack, offset), js);
  }
  const at = address(c, { kind: "ident", id, name, span });
  return (f) => load(f, at(f), type, span);
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
      if (expr.op === "*") return rvalue(c, expr.operand);
      break;
    case "member":
      return memberAddress(c, expr);
    case "index": {
      const baseType = decayed(c.typeOf(expr.array));
      const [pointerExpr, indexExpr] =
        baseType.kind === "pointer" ? [expr.array, expr.index] : [expr.index, expr.array];
      const base = rvalue(c, pointerExpr);
      const index = rvalue(c, indexExpr);
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

function displace(base: Value, bytes: number, span: Span): Value {
  if (isPointer(base)) return { region: base.region, offset: base.offset + bytes };
  if (base === null) throw new RuntimeFault("arithmetic on a NULL pointer before dereferencing it", span);
  throw new RuntimeFault("pointer arithmetic on a value that is not a pointer", span);
}

function memberAddress(c: FunctionGenerator, expr: MemberExpr): Eval {
  const access = c.env.program.members.get(expr);
  if (!access) throw new Error(`unchecked member ${expr.member}`);
  const base = expr.arrow ? rvalue(c, expr.object) : address(c, expr.object);
  const offset = access.offset;
  const span = expr.span;
  return (f) => displace(base(f), offset, span);
}

/** Bit-fields are read and written as bits of the bytes that hold them (little-endian order). */
function bitFieldLoad(c: FunctionGenerator, expr: MemberExpr, type: CType): Eval {
  const access = c.env.program.members.get(expr);
  const record = expr.arrow ? rvalue(c, expr.object) : address(c, expr.object);
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
  const record = expr.arrow ? rvalue(c, expr.object) : address(c, expr.object);
  const bitOffset = access?.bitOffset ?? 0;
  const width = access?.field.bitWidth ?? 0;
  const recordOffset = (access?.offset ?? 0) - access!.field.offset;
  const span = expr.span;
  return (f, value) => {
    const at = displace(record(f), recordOffset, span);
    if (!isPointer(at)) throw new RuntimeFault("bit-field outside its object", span);
    markWritten(at.region, at.region.start + at.offset + (bitOffset >> 3), ((width + 7) >> 3) + 1);
    writeBits(
      at.region.bytes.subarray(at.region.start + at.offset),
      bitOffset,
      width,
      BigInt(typeof value === "number" || typeof value === "bigint" ? value : 0),
    );
  };
}

function isBitField(c: FunctionGenerator, expr: Expr): expr is MemberExpr {
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

function assignment(c: FunctionGenerator, expr: Extract<Expr, { kind: "assign" }>): Eval {
  const targetType = unqualified(c.typeOf(expr.target));
  const write = storer(c, expr.target);
  if (expr.op === "=") {
    const value = converted(c, expr.value, targetType);
    const closure: Eval = (f) => {
      const v = value(f);
      write(f, v);
      return v;
    };
    if (write.jsStore === undefined) return closure;
    const v = c.source.temp();
    return withJs(closure, `(${v} = ${jsOf(c.source, value)}, ${write.jsStore(v)}, ${v})`);
  }
  const current = rvalue(c, expr.target);
  const combine = compound(expr.op.slice(0, -1), targetType, c.typeOf(expr.value));
  const value = rvalue(c, expr.value);
  return (f) => {
    const v = combine(current(f), value(f));
    write(f, v);
    return v;
  };
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

function incrementer(
  c: FunctionGenerator,
  target: Expr,
  delta: number,
  span: Span,
): (f: Frame) => { before: Value; after: Value } {
  const type = unqualified(c.typeOf(target));
  const current = rvalue(c, target);
  const write = storer(c, target);
  const step = type.kind === "pointer" ? sizeOf(type.to) || 1 : 1;
  const operation = type.kind === "pointer" ? null : integerOperation("+", type);
  const one = convertValue(delta, intType, type.kind === "pointer" ? intType : type);
  return (f) => {
    const before = current(f);
    let after: Value;
    if (type.kind === "pointer") after = displace(before, delta * step, span);
    else after = (operation as (a: Value, b: Value) => Value)(before, one);
    write(f, after);
    return { before, after };
  };
}

function unaryValue(c: FunctionGenerator, expr: Extract<Expr, { kind: "unary" }>): Eval {
  const type = c.typeOf(expr);
  switch (expr.op) {
    case "&":
      return address(c, expr.operand);
    case "*": {
      const at = rvalue(c, expr.operand);
      const span = expr.span;
      if (type.kind === "function") return at;
      const read = generateLoad(type, span);
      return (f) => {
        const pointer = at(f);
        if (!isPointer(pointer)) return notAddressable(pointer, span, false, false);
        return read(f, pointer.region, pointer.offset);
      };
    }
    case "++":
    case "--": {
      const step = incrementer(c, expr.operand, expr.op === "++" ? 1 : -1, expr.span);
      return (f) => step(f).after;
    }
    case "!": {
      const operand = rvalue(c, expr.operand);
      return withJs(
        (f) => (isTruthy(operand(f)) ? 0 : 1),
        operand.js === undefined ? undefined : `(${jsTruthy(c.source, operand.js)} ? 0 : 1)`,
      );
    }
    case "+":
      return converted(c, expr.operand, type);
    case "-": {
      const operand = converted(c, expr.operand, type);
      const subtract = integerOperation("-", type);
      const zero = convertValue(0, intType, type);
      return (f) => subtract(zero, operand(f));
    }
    case "~": {
      const operand = converted(c, expr.operand, type);
      const xor = integerOperation("^", type);
      const ones = convertValue(-1, intType, type);
      return (f) => xor(operand(f), ones);
    }
  }
}

function binaryValue(c: FunctionGenerator, expr: Extract<Expr, { kind: "binary" }>): Eval {
  const leftType = decayed(c.typeOf(expr.left));
  const rightType = decayed(c.typeOf(expr.right));
  const op = expr.op;
  if (op === "&&" || op === "||") {
    const left = rvalue(c, expr.left);
    const right = rvalue(c, expr.right);
    return op === "&&"
      ? (f) => (isTruthy(left(f)) && isTruthy(right(f)) ? 1 : 0)
      : (f) => (isTruthy(left(f)) || isTruthy(right(f)) ? 1 : 0);
  }
  if ((op === "+" || op === "-") && (leftType.kind === "pointer" || rightType.kind === "pointer"))
    return pointerArithmetic(c, expr, leftType, rightType);
  if (["==", "!=", "<", ">", "<=", ">="].includes(op)) {
    const common =
      leftType.kind === "pointer" || rightType.kind === "pointer"
        ? leftType
        : usualArithmetic(leftType, rightType);
    const left = leftType.kind === "pointer" ? rvalue(c, expr.left) : converted(c, expr.left, common);
    const right = rightType.kind === "pointer" ? rvalue(c, expr.right) : converted(c, expr.right, common);
    const compare = comparison(op);
    return (f) => compare(left(f), right(f));
  }
  const resultType = c.typeOf(expr);
  const left = converted(c, expr.left, resultType);
  const right =
    op === "<<" || op === ">>"
      ? converted(c, expr.right, promote(rightType))
      : converted(c, expr.right, resultType);
  const operation = integerOperation(op, resultType);
  return (f) => operation(left(f), right(f));
}

function pointerArithmetic(
  c: FunctionGenerator,
  expr: Extract<Expr, { kind: "binary" }>,
  leftType: CType,
  rightType: CType,
): Eval {
  const left = rvalue(c, expr.left);
  const right = rvalue(c, expr.right);
  const span = expr.span;
  if (leftType.kind === "pointer" && rightType.kind === "pointer") {
    const size = sizeOf(leftType.to) || 1;
    return (f) => {
      const a = left(f);
      const b = right(f);
      if (!isPointer(a) || !isPointer(b) || a.region !== b.region)
        throw new RuntimeFault("subtraction of pointers into different objects", span);
      return BigInt(Math.trunc((a.offset - b.offset) / size));
    };
  }
  const [pointer, index, pointerType] =
    leftType.kind === "pointer" ? [left, right, leftType] : [right, left, rightType];
  const to = (pointerType as Extract<CType, { kind: "pointer" }>).to;
  const size = to.kind === "void" || to.kind === "function" ? 1 : sizeOf(to);
  const sign = expr.op === "-" ? -1 : 1;
  return (f) => displace(pointer(f), sign * Number(index(f)) * size, span);
}
