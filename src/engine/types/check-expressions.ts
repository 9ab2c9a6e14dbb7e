import type { Span } from "../source/source-file";
import type { CastExpr, Expr, IntegerLiteral, UnaryExpr } from "../syntax/ast";
import { binaryType } from "./check-binary";
import { callType, identifierType } from "./check-calls";
import { type CheckContext, errorType } from "./check-context";
import { checkCompoundLiteral } from "./check-initializers";
import { indexType, memberType, offsetofType } from "./check-members";
import { integerConstant } from "./constant";
import { checkConversion, decay } from "./conversions";
import {
  alignOf,
  arrayOf,
  type CType,
  charType,
  integerOf,
  intType,
  isArithmetic,
  isComplete,
  isInteger,
  isScalar,
  longLongType,
  longType,
  pointerTo,
  promote,
  sizeOf,
  sizeType,
  unqualified,
  unsignedIntType,
  unsignedLongLongType,
  unsignedLongType,
  usualArithmetic,
  voidType,
} from "./ctypes";
import { quoteType } from "./format";
import { typeOfTypeName } from "./type-builder";

/** Checks an expression, records its type by node id and returns it (before decay). */
export function checkExpression(c: CheckContext, expr: Expr): CType {
  const type = computeType(c, expr);
  c.program.exprTypes[expr.id] = type;
  return type;
}

/** Checks an expression used as a value: arrays and functions decay to pointers. */
export function checkRvalue(c: CheckContext, expr: Expr): CType {
  return decay(checkExpression(c, expr));
}

function computeType(c: CheckContext, expr: Expr): CType {
  switch (expr.kind) {
    case "int":
      if (expr.value >= 1n << 64n) {
        c.error(expr.span, "integer literal is too large to be represented in any integer type");
        return unsignedLongLongType;
      }
      if (expr.decimal && !expr.unsignedSuffix && expr.value >= 1n << 63n)
        c.warning(
          expr.span,
          "integer literal is too large to be represented in a signed integer type, interpreting as unsigned",
        );
      return integerLiteralType(expr);
    case "float":
      c.error(expr.span, "floating-point numbers are not supported by the BPF target");
      return errorType;
    case "char":
      return intType;
    case "string":
      return arrayOf(charType, expr.bytes.length + 1);
    case "ident":
      return identifierType(c, expr, false);
    case "unary":
      return unaryType(c, expr);
    case "postfix": {
      const type = checkRvalue(c, expr.operand);
      requireModifiableLvalue(c, expr.operand, expr.span);
      if (!isScalar(type)) c.error(expr.span, `cannot increment value of type ${quoteType(type)}`);
      return unqualified(type);
    }
    case "binary":
      return binaryType(c, expr);
    case "assign":
      return assignType(c, expr);
    case "conditional":
      return conditionalType(c, expr);
    case "comma":
      checkExpression(c, expr.left);
      if (!hasSideEffects(expr.left))
        c.warning(expr.left.span, "left operand of comma operator has no effect");
      return checkRvalue(c, expr.right);
    case "call":
      return callType(c, expr);
    case "member":
      return memberType(c, expr);
    case "index":
      return indexType(c, expr);
    case "cast":
      return castType(c, expr);
    case "sizeof":
    case "alignof": {
      const operandType =
        "specifiers" in expr.operand ? typeOfTypeName(c, expr.operand) : checkExpression(c, expr.operand);
      const operator = expr.kind === "sizeof" ? "sizeof" : "alignof";
      if (operandType.kind === "function")
        c.error(expr.span, `invalid application of '${operator}' to a function type`);
      else if (!isComplete(operandType) && operandType.kind !== "void") {
        c.error(
          expr.span,
          `invalid application of '${operator}' to an incomplete type ${quoteType(operandType)}`,
        );
      }
      const value = expr.kind === "sizeof" ? sizeOf(operandType) : alignOf(operandType);
      c.program.constants.set(expr.id, BigInt(value));
      return sizeType;
    }
    case "offsetof":
      return offsetofType(c, expr);
    case "compound-literal":
      return checkCompoundLiteral(c, expr);
    case "statement-expr":
      return c.statementExpression(expr.body);
    case "init-list":
      c.error(expr.span, "initializer list cannot be used here");
      return errorType;
  }
}

/** C11 6.4.4.1: the first type in the list for the literal's base and suffix that can hold it. */
function integerLiteralType(expr: IntegerLiteral): CType {
  const v = expr.value;
  const fitsSigned = (bits: number) => v < 1n << BigInt(bits - 1);
  const fitsUnsigned = (bits: number) => v < 1n << BigInt(bits);
  const candidates: CType[] = [];
  const allowUnsigned = expr.unsignedSuffix || !expr.decimal;
  if (expr.longSuffix === 0) {
    if (!expr.unsignedSuffix && fitsSigned(32)) return intType;
    if (allowUnsigned && fitsUnsigned(32)) return unsignedIntType;
  }
  if (expr.longSuffix <= 1)
    candidates.push(...(expr.unsignedSuffix ? [] : [longType]), ...(allowUnsigned ? [unsignedLongType] : []));
  candidates.push(...(expr.unsignedSuffix ? [] : [longLongType]), unsignedLongLongType);
  for (const t of candidates) {
    if (t.kind === "int" && (t.signed ? fitsSigned(64) : fitsUnsigned(64))) return t;
  }
  return unsignedLongLongType;
}

/** An lvalue designates an object: a variable, `*p`, `a[i]`, `s.m`, `p->m`, a string or a compound literal. */
export function isLvalue(c: CheckContext, expr: Expr): boolean {
  switch (expr.kind) {
    case "ident": {
      const symbol = c.program.references[expr.id];
      return symbol?.kind === "variable";
    }
    case "unary":
      return expr.op === "*";
    case "index":
    case "string":
    case "compound-literal":
      return true;
    case "member":
      return expr.arrow || isLvalue(c, expr.object);
    default:
      return false;
  }
}

function requireModifiableLvalue(c: CheckContext, expr: Expr, span: Span): void {
  const type = c.program.exprTypes[expr.id];
  if (!isLvalue(c, expr)) {
    c.error(span, "expression is not assignable");
    return;
  }
  if (type?.kind === "array") {
    c.error(span, `array type ${quoteType(type)} is not assignable`);
    return;
  }
  if (type?.const) {
    const symbol = expr.kind === "ident" ? c.program.references[expr.id] : undefined;
    if (symbol?.kind === "variable")
      c.error(
        span,
        `cannot assign to variable '${symbol.name}' with const-qualified type ${quoteType(type)}`,
        {
          notes: [c.note(symbol.span, `variable '${symbol.name}' declared const here`)],
        },
      );
    else c.error(span, "read-only variable is not assignable");
  }
}

function unaryType(c: CheckContext, expr: UnaryExpr): CType {
  switch (expr.op) {
    case "&": {
      const type = checkExpression(c, expr.operand);
      if (type.kind !== "function" && !isLvalue(c, expr.operand)) {
        c.error(expr.span, `cannot take the address of an rvalue of type ${quoteType(type)}`);
      }
      return pointerTo(type);
    }
    case "*": {
      const type = checkRvalue(c, expr.operand);
      if (type.kind !== "pointer") {
        c.error(expr.span, `indirection requires pointer operand (${quoteType(type)} invalid)`);
        return errorType;
      }
      if (type.to.kind === "void")
        c.warning(expr.span, `ISO C does not allow indirection on operand of type ${quoteType(type)}`);
      return type.to;
    }
    case "++":
    case "--": {
      const type = checkRvalue(c, expr.operand);
      requireModifiableLvalue(c, expr.operand, expr.span);
      if (!isScalar(type))
        c.error(
          expr.span,
          `cannot ${expr.op === "++" ? "increment" : "decrement"} value of type ${quoteType(type)}`,
        );
      return unqualified(type);
    }
    case "!": {
      const type = checkRvalue(c, expr.operand);
      if (!isScalar(type)) c.error(expr.span, `invalid argument type ${quoteType(type)} to unary expression`);
      return intType;
    }
    default: {
      const type = checkRvalue(c, expr.operand);
      const valid = expr.op === "~" ? isInteger(type) : isArithmetic(type);
      if (!valid) {
        c.error(expr.span, `invalid argument type ${quoteType(type)} to unary expression`);
        return errorType;
      }
      return promote(type);
    }
  }
}

function assignType(c: CheckContext, expr: Extract<Expr, { kind: "assign" }>): CType {
  const target = checkExpression(c, expr.target);
  const value = checkRvalue(c, expr.value);
  requireModifiableLvalue(c, expr.target, expr.target.span);
  if (expr.op === "=") {
    checkConversion(c, expr.value, value, target, { kind: "assigning" }, expr.value.span);
  } else {
    const pointerStep =
      (expr.op === "+=" || expr.op === "-=") && target.kind === "pointer" && isInteger(value);
    const integerOnly = ["%=", "<<=", ">>=", "&=", "^=", "|="].includes(expr.op);
    const valid =
      pointerStep ||
      (integerOnly ? isInteger(target) && isInteger(value) : isArithmetic(target) && isArithmetic(value));
    if (!valid)
      c.error(
        expr.span,
        `invalid operands to binary expression (${quoteType(target)} and ${quoteType(value)})`,
      );
  }
  return unqualified(target);
}

function conditionalType(c: CheckContext, expr: Extract<Expr, { kind: "conditional" }>): CType {
  const test = checkRvalue(c, expr.test);
  if (!isScalar(test))
    c.error(expr.test.span, `used type ${quoteType(test)} where arithmetic or pointer type is required`);
  const then = expr.then ? checkRvalue(c, expr.then) : test;
  const otherwise = checkRvalue(c, expr.otherwise);
  if (isArithmetic(then) && isArithmetic(otherwise)) return usualArithmetic(then, otherwise);
  if (then.kind === "void" && otherwise.kind === "void") return voidType;
  if (then.kind === "pointer" && otherwise.kind === "pointer")
    return then.to.kind === "void" ? otherwise : then;
  if (then.kind === "pointer" && isInteger(otherwise)) return then;
  if (isInteger(then) && otherwise.kind === "pointer") return otherwise;
  if (then.kind === "record" && otherwise.kind === "record" && then.record === otherwise.record)
    return unqualified(then);
  c.error(expr.span, `incompatible operand types (${quoteType(then)} and ${quoteType(otherwise)})`);
  return then;
}

function castType(c: CheckContext, expr: CastExpr): CType {
  const target = typeOfTypeName(c, expr.typeName);
  const source = checkRvalue(c, expr.operand);
  if (target.kind === "void") return target;
  if (!isScalar(target)) {
    c.error(
      expr.typeName.span,
      `used type ${quoteType(target)} where arithmetic or pointer type is required`,
    );
    return target;
  }
  if (!isScalar(source)) {
    c.error(
      expr.operand.span,
      `operand of type ${quoteType(source)} where arithmetic or pointer type is required`,
    );
    return target;
  }
  if (
    target.kind === "pointer" &&
    isInteger(source) &&
    sizeOf(integerOf(source)) < 8 &&
    integerConstant(c, expr.operand) === null
  ) {
    c.warning(expr.span, `cast to ${quoteType(target)} from smaller integer type ${quoteType(source)}`);
  }
  return target;
}

export function hasSideEffects(expr: Expr): boolean {
  switch (expr.kind) {
    case "assign":
    case "call":
    case "postfix":
    case "statement-expr":
      return true;
    case "unary":
      return expr.op === "++" || expr.op === "--" || hasSideEffects(expr.operand);
    case "cast":
      return expr.typeName.specifiers.type?.kind === "builtin" &&
        expr.typeName.specifiers.type.words.join(" ") === "void" &&
        expr.typeName.declarator.parts.length === 0
        ? true
        : hasSideEffects(expr.operand);
    case "binary":
      return hasSideEffects(expr.left) || hasSideEffects(expr.right);
    case "comma":
      return hasSideEffects(expr.left) || hasSideEffects(expr.right);
    case "conditional":
      return (
        hasSideEffects(expr.test) ||
        (expr.then !== null && hasSideEffects(expr.then)) ||
        hasSideEffects(expr.otherwise)
      );
    case "member":
      return hasSideEffects(expr.object);
    case "index":
      return hasSideEffects(expr.array) || hasSideEffects(expr.index);
    default:
      return false;
  }
}
