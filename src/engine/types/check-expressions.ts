import type { Span } from "../source/source-file";
import type { CallExpr, CastExpr, Expr, Identifier, IntegerLiteral, UnaryExpr } from "../syntax/ast";
import { atomicBuiltins, builtinFunctions, libraryBuiltins } from "./builtins";
import { binaryType } from "./check-binary";
import type { CheckContext } from "./check-context";
import { checkCompoundLiteral } from "./check-initializers";
import { indexType, memberType, offsetofType } from "./check-members";
import { integerConstant } from "./constant";
import { checkConversion, decay } from "./conversions";
import {
  alignOf,
  arrayOf,
  type CType,
  charType,
  type FunctionType,
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
import type { FunctionSymbol } from "./symbols";
import { typeOfTypeName } from "./type-builder";

const errorType: CType = intType;

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

function identifierType(c: CheckContext, expr: Identifier, isCallee: boolean): CType {
  const symbol = c.scope.lookup(expr.name) ?? builtinSymbol(c, expr.name, expr.span);
  if (!symbol) {
    if (isCallee) return implicitFunction(c, expr);
    c.error(expr.span, `use of undeclared identifier '${expr.name}'`);
    return errorType;
  }
  c.program.references[expr.id] = symbol;
  if (symbol.kind === "typedef") {
    c.error(expr.span, `unexpected type name '${expr.name}': expected expression`);
    return errorType;
  }
  return symbol.type;
}

/** `__builtin_memset` and friends become function symbols the first time they are named. */
function builtinSymbol(c: CheckContext, name: string, span: Span): FunctionSymbol | undefined {
  const type = builtinFunctions.get(name);
  if (!type) return undefined;
  const symbol: FunctionSymbol = {
    kind: "function",
    id: c.symbolId(),
    name,
    type,
    span,
    isStatic: false,
    attributes: [],
    definition: null,
    section: null,
    inline: false,
  };
  let file = c.scope;
  while (file.parent) file = file.parent;
  file.ordinary.set(name, symbol);
  return symbol;
}

/** Clang 14: "implicit declaration of function 'f' is invalid in C99", and `f` is `int f()`. */
function implicitFunction(c: CheckContext, expr: Identifier): CType {
  const library = libraryBuiltins.get(expr.name);
  if (library) {
    const symbol = builtinSymbol(c, library, expr.span);
    if (symbol) {
      c.warning(
        expr.span,
        `implicitly declaring library function '${expr.name}' with type ${quoteType(symbol.type)}`,
      );
      c.program.references[expr.id] = symbol;
      return symbol.type;
    }
  }
  c.warning(expr.span, `implicit declaration of function '${expr.name}' is invalid in C99`, {
    explanation: "The function is called before any declaration of it; the loader will not find it either.",
  });
  const type: FunctionType = {
    kind: "function",
    returns: intType,
    params: [],
    paramNames: [],
    variadic: false,
    prototype: false,
  };
  const symbol: FunctionSymbol = {
    kind: "function",
    id: c.symbolId(),
    name: expr.name,
    type,
    span: expr.span,
    isStatic: false,
    attributes: [],
    definition: null,
    section: null,
    inline: false,
  };
  let file = c.scope;
  while (file.parent) file = file.parent;
  file.ordinary.set(expr.name, symbol);
  c.program.functions.push(symbol);
  c.program.references[expr.id] = symbol;
  return type;
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

function callType(c: CheckContext, expr: CallExpr): CType {
  if (expr.callee.kind === "ident" && atomicBuiltins.has(expr.callee.name)) return atomicCallType(c, expr);
  if (expr.callee.kind === "ident" && expr.callee.name === "__builtin_preserve_access_index") {
    c.program.exprTypes[expr.callee.id] = voidType;
    return expr.args[0] ? checkExpression(c, expr.args[0]) : voidType;
  }
  const calleeType =
    expr.callee.kind === "ident" ? identifierType(c, expr.callee, true) : checkExpression(c, expr.callee);
  c.program.exprTypes[expr.callee.id] = calleeType;
  const fnType =
    calleeType.kind === "function"
      ? calleeType
      : calleeType.kind === "pointer" && calleeType.to.kind === "function"
        ? calleeType.to
        : null;
  if (!fnType) {
    for (const arg of expr.args) checkRvalue(c, arg);
    c.error(
      expr.callee.span,
      `called object type ${quoteType(calleeType)} is not a function or function pointer`,
    );
    return errorType;
  }
  checkArguments(c, expr, fnType, calleeSymbolSpan(c, expr));
  if (fnType.returns.kind === "record" && !isComplete(fnType.returns)) {
    c.error(expr.span, `calling function with incomplete return type ${quoteType(fnType.returns)}`);
  }
  return fnType.returns;
}

/** Where the called function is declared, for clang's "'f' declared here" note. */
function calleeSymbolSpan(c: CheckContext, expr: CallExpr): { name: string; span: Span } | null {
  if (expr.callee.kind !== "ident") return null;
  const symbol = c.program.references[expr.callee.id];
  return symbol?.kind === "function" && !symbol.span.file.builtin
    ? { name: symbol.name, span: symbol.span }
    : null;
}

function checkArguments(
  c: CheckContext,
  expr: CallExpr,
  fnType: FunctionType,
  callee: { name: string; span: Span } | null,
): void {
  const argTypes = expr.args.map((arg) => checkRvalue(c, arg));
  if (!fnType.prototype) return;
  const expected = fnType.params.length;
  const have = expr.args.length;
  const lastSpan = { ...expr.span, start: expr.span.end - 1 };
  const notes = callee ? [c.note(callee.span, `'${callee.name}' declared here`)] : [];
  if (have < expected) {
    c.error(
      lastSpan,
      `too few arguments to function call, ${fnType.variadic ? "at least argument" : "expected"} ${expected}, have ${have}`,
      { notes },
    );
  } else if (have > expected && !fnType.variadic) {
    c.error(
      expr.args[expected].span,
      `too many arguments to function call, expected ${expected}, have ${have}`,
      { notes },
    );
  }
  expr.args.forEach((arg, i) => {
    if (i < expected)
      checkConversion(c, arg, argTypes[i], fnType.params[i], { kind: "passing", argument: i }, arg.span);
    else if (argTypes[i].kind === "record")
      c.error(
        arg.span,
        `passing a struct by value to a variadic function is not supported by the BPF target`,
      );
  });
}

/** `__sync_fetch_and_add(&x, 1)` returns the type `x` has. */
function atomicCallType(c: CheckContext, expr: CallExpr): CType {
  c.program.exprTypes[expr.callee.id] = voidType;
  const types = expr.args.map((arg) => checkRvalue(c, arg));
  const pointer = types[0];
  if (!pointer || pointer.kind !== "pointer" || !isInteger(pointer.to)) {
    c.error(
      expr.span,
      `address argument to atomic builtin must be a pointer to integer (${pointer ? quoteType(pointer) : "'void'"} invalid)`,
    );
    return errorType;
  }
  if (expr.callee.kind === "ident" && expr.callee.name === "__sync_bool_compare_and_swap") return intType;
  return unqualified(pointer.to);
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
