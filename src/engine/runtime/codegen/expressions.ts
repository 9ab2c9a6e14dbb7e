import type { Span } from "../../source/source-file";
import type { Expr } from "../../syntax/ast";
import { evaluateConstant } from "../../types/constant";
import {
  type CType,
  integerOf,
  intType,
  isInteger,
  promote,
  sizeOf,
  usualArithmetic,
} from "../../types/ctypes";
import { generateLoad, load } from "../access";
import { isPointer, RuntimeFault, representation, type Value } from "../values";
import { comparison, convertValue, generateConversion, integerOperation, isTruthy } from "./arithmetic";
import { generateCall } from "./calls";
import type { FunctionGenerator } from "./function-generator";
import { type Eval, jsIsPointer, jsOf, jsRead, jsTruthy, jsWrap, withJs } from "./generated";
import { localScalar } from "./locals";
import {
  address,
  addressParts,
  assignment,
  bitFieldLoad,
  decayed,
  displace,
  fixed,
  incrementer,
  notAddressable,
} from "./lvalues";
import { generateStatementExpression } from "./statements";

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
      const { step, js } = incrementer(c, expr.operand, expr.op === "++" ? 1 : -1, expr.span);
      return withJs((f) => step(f).before, js("before"));
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
    const read = generateLoad(type, span);
    // A pointer local's load carries its marker (a whole function may hold it in a variable).
    if (representation(type) === "pointer") {
      const offset = c.slotOffset(symbol);
      const js = `loadPointer(f.stack, ${offset} ${c.promotion.mark(symbol, offset)})`;
      return withJs((f) => read(f, f.stack, offset), js);
    }
    const offset = c.localOffset(symbol);
    return withJs((f) => read(f, f.stack, offset), `${c.source.constant(read)}(f, f.stack, ${offset})`);
  }
  const at = address(c, { kind: "ident", id, name, span });
  return (f) => load(f, at(f), type, span);
}

function unaryValue(c: FunctionGenerator, expr: Extract<Expr, { kind: "unary" }>): Eval {
  const type = c.typeOf(expr);
  switch (expr.op) {
    case "&":
      return address(c, expr.operand);
    case "*": {
      const at = rvalue(c, expr.operand);
      if (type.kind === "function") return at;
      // `*p` is `p->…` with no displacement: the same load, with its source.
      return loadThrough(c, at, 0, false, type, expr.span);
    }
    case "++":
    case "--": {
      const { step, js } = incrementer(c, expr.operand, expr.op === "++" ? 1 : -1, expr.span);
      return withJs((f) => step(f).after, js("after"));
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
      const zero = fixed(c, convertValue(0, intType, type));
      return withJs(
        (f) => subtract(zero(f), operand(f)),
        integerOperationJs(c, "-", type, zero, operand, subtract),
      );
    }
    case "~": {
      const operand = converted(c, expr.operand, type);
      const xor = integerOperation("^", type);
      const ones = fixed(c, convertValue(-1, intType, type));
      return withJs((f) => xor(operand(f), ones(f)), integerOperationJs(c, "^", type, operand, ones, xor));
    }
  }
}

function binaryValue(c: FunctionGenerator, expr: Extract<Expr, { kind: "binary" }>): Eval {
  const leftType = decayed(c.typeOf(expr.left));
  const rightType = decayed(c.typeOf(expr.right));
  const op = expr.op;
  if (op === "&&" || op === "||") return logicalValue(c, op, rvalue(c, expr.left), rvalue(c, expr.right));
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
    // Numbers and bigints compare as JavaScript compares them (as `comparison` does); a pointer,
    // a handle or NULL (an object) takes the closure, which knows regions.
    const [l, r] = [c.source.temp(), c.source.temp()];
    const js = `(${l} = ${jsOf(c.source, left)}, ${r} = ${jsOf(c.source, right)}, typeof ${l} === "object" || typeof ${r} === "object" ? ${c.source.constant(compare)}(${l}, ${r}) : (${l} ${op} ${r} ? 1 : 0))`;
    return withJs((f) => compare(left(f), right(f)), js);
  }
  const resultType = c.typeOf(expr);
  const left = converted(c, expr.left, resultType);
  const right =
    op === "<<" || op === ">>"
      ? converted(c, expr.right, promote(rightType))
      : converted(c, expr.right, resultType);
  const operation = integerOperation(op, resultType);
  return withJs(
    (f) => operation(left(f), right(f)),
    integerOperationJs(c, op, resultType, left, right, operation),
  );
}

/**
 * A 64-bit operation as source: on two bigints, the operation wrapped to 64 bits, which is what
 * `operate` (target/integers.ts) gives, since wrapping first changes nothing for these operators;
 * anything else (a pointer, a number) calls the closure. Undefined for division, modulo and shifts.
 */
function wideOperationJs(
  c: FunctionGenerator,
  op: string,
  signed: boolean,
  left: Eval,
  right: Eval,
  operation: (a: Value, b: Value) => Value,
): string | undefined {
  if (!["+", "-", "*", "&", "|", "^"].includes(op)) return undefined;
  const s = c.source;
  const [a, b] = [s.temp(), s.temp()];
  const wrap = signed ? "BigInt.asIntN" : "BigInt.asUintN";
  return `(${a} = ${jsOf(s, left)}, ${b} = ${jsOf(s, right)}, typeof ${a} === "bigint" && typeof ${b} === "bigint" ? ${wrap}(64, ${a} ${op} ${b}) : ${s.constant(operation)}(${a}, ${b}))`;
}

/** `a && b` and `a || b`: 1 or 0, the right side evaluated only when the left leaves it open. */
function logicalValue(c: FunctionGenerator, op: "&&" | "||", left: Eval, right: Eval): Eval {
  const s = c.source;
  const [l, r] = [jsTruthy(s, jsOf(s, left)), jsTruthy(s, jsOf(s, right))];
  return op === "&&"
    ? withJs((f) => (isTruthy(left(f)) && isTruthy(right(f)) ? 1 : 0), `(${l} ? (${r} ? 1 : 0) : 0)`)
    : withJs((f) => (isTruthy(left(f)) || isTruthy(right(f)) ? 1 : 0), `(${l} ? 1 : (${r} ? 1 : 0))`);
}

/**
 * An integer operation as source. On a type of 32 bits or less, on two numbers, the formula the
 * closure (arithmetic.ts, smallOperation) computes; anything else (a pointer kept through an
 * integer, a bigint) calls the closure. 64-bit types go to wideOperationJs.
 */
function integerOperationJs(
  c: FunctionGenerator,
  op: string,
  type: CType,
  left: Eval,
  right: Eval,
  operation: (a: Value, b: Value) => Value,
): string | undefined {
  if (!isInteger(type)) return undefined;
  if (representation(type) === "wide")
    return wideOperationJs(c, op, integerOf(type).signed, left, right, operation);
  if (representation(type) !== "small") return undefined;
  const { size, signed } = integerOf(type);
  const bits = size * 8;
  const s = c.source;
  const [a, b] = [s.temp(), s.temp()];
  const wrap = (code: string) => jsWrap(code, bits, signed);
  const formulas: Record<string, string> = {
    "+": wrap(`${a} + ${b}`),
    "-": wrap(`${a} - ${b}`),
    "*": wrap(`Math.imul(${a}, ${b})`),
    "/": `(${b} === 0 ? 0 : ${wrap(`Math.trunc(${a} / ${b})`)})`,
    "%": `(${b} === 0 ? ${a} : ${wrap(`${a} % ${b}`)})`,
    "<<": wrap(`${a} << (${b} & 31)`),
    ">>": wrap(signed ? `${a} >> (${b} & 31)` : `${a} >>> (${b} & 31)`),
    "&": wrap(`${a} & ${b}`),
    "|": wrap(`${a} | ${b}`),
    "^": wrap(`${a} ^ ${b}`),
  };
  const formula = formulas[op];
  if (formula === undefined) return undefined;
  return `(${a} = ${jsOf(s, left)}, ${b} = ${jsOf(s, right)}, typeof ${a} === "number" && typeof ${b} === "number" ? ${formula} : ${s.constant(operation)}(${a}, ${b}))`;
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
  const moved = (base: Value, by: Value) => displace(base, sign * Number(by) * size, span);
  // A pointer moved by a number: a new offset in its region; anything else takes `displace`.
  const s = c.source;
  const [p, i] = [s.temp(), s.temp()];
  const js = `(${p} = ${jsOf(s, pointer)}, ${i} = ${jsOf(s, index)}, ${jsIsPointer(p)} && typeof ${i} === "number" ? { region: ${p}.region, offset: ${p}.offset + ${sign * size} * ${i} } : ${s.constant(moved)}(${p}, ${i}))`;
  return withJs((f) => moved(pointer(f), index(f)), js);
}
