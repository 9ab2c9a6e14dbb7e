import type { Span } from "../source/source-file";
import type {
  BinaryExpr,
  CallExpr,
  CastExpr,
  Expr,
  Identifier,
  IntegerLiteral,
  MemberExpr,
  OffsetofExpr,
  UnaryExpr,
} from "../syntax/ast";
import { atomicBuiltins, builtinFunctions, libraryBuiltins } from "./builtins";
import { checkStatementExpression } from "./check-statements";
import { integerConstant } from "./constant";
import type { CheckContext } from "./context";
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
  sameType,
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
import { checkCompoundLiteral } from "./initializers";
import { findField } from "./layout";
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
      return checkStatementExpression(c, expr.body);
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

function binaryType(c: CheckContext, expr: BinaryExpr): CType {
  const left = checkRvalue(c, expr.left);
  const right = checkRvalue(c, expr.right);
  const invalid = () => {
    c.error(
      expr.opSpan,
      `invalid operands to binary expression (${quoteType(left)} and ${quoteType(right)})`,
    );
    return errorType;
  };
  switch (expr.op) {
    case "&&":
    case "||":
      return isScalar(left) && isScalar(right) ? intType : invalid();
    case "==":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=":
      if (isArithmetic(left) && isArithmetic(right)) return intType;
      if (left.kind === "pointer" && right.kind === "pointer") {
        const compatible =
          left.to.kind === "void" ||
          right.to.kind === "void" ||
          sameType(unqualified(left.to), unqualified(right.to));
        if (!compatible)
          c.warning(
            expr.opSpan,
            `comparison of distinct pointer types (${quoteType(left)} and ${quoteType(right)})`,
          );
        return intType;
      }
      if ((left.kind === "pointer" && isInteger(right)) || (isInteger(left) && right.kind === "pointer")) {
        if (expr.op !== "==" && expr.op !== "!=")
          c.warning(
            expr.opSpan,
            `ordered comparison between pointer and integer (${quoteType(left)} and ${quoteType(right)})`,
          );
        return intType;
      }
      return invalid();
    case "+":
      if (left.kind === "pointer" && isInteger(right)) return pointerArithmetic(c, expr, left);
      if (isInteger(left) && right.kind === "pointer") return pointerArithmetic(c, expr, right);
      return isArithmetic(left) && isArithmetic(right) ? usualArithmetic(left, right) : invalid();
    case "-":
      if (left.kind === "pointer" && isInteger(right)) return pointerArithmetic(c, expr, left);
      if (left.kind === "pointer" && right.kind === "pointer") {
        if (!sameType(unqualified(left.to), unqualified(right.to))) return invalid();
        return longType;
      }
      return isArithmetic(left) && isArithmetic(right) ? usualArithmetic(left, right) : invalid();
    case "<<":
    case ">>":
      if (!isInteger(left) || !isInteger(right)) return invalid();
      warnShiftCount(c, expr, promote(left));
      return promote(left);
    case "%":
    case "&":
    case "|":
    case "^": {
      if (!isInteger(left) || !isInteger(right)) return invalid();
      const common = usualArithmetic(left, right);
      if (expr.op === "%") requireUnsignedDivision(c, expr, common);
      return common;
    }
    default: {
      warnDivisionByZero(c, expr);
      if (!isArithmetic(left) || !isArithmetic(right)) return invalid();
      const common = usualArithmetic(left, right);
      if (expr.op === "/") requireUnsignedDivision(c, expr, common);
      return common;
    }
  }
}

function pointerArithmetic(c: CheckContext, expr: BinaryExpr, pointer: CType & { kind: "pointer" }): CType {
  if (pointer.to.kind === "function")
    c.warning(
      expr.opSpan,
      `arithmetic on a pointer to the function type ${quoteType(pointer.to)} is a GNU extension`,
    );
  else if (pointer.to.kind === "void")
    c.warning(expr.opSpan, `arithmetic on a pointer to void is a GNU extension`);
  else if (!isComplete(pointer.to))
    c.error(expr.opSpan, `arithmetic on a pointer to an incomplete type ${quoteType(pointer.to)}`);
  return pointer;
}

function warnShiftCount(c: CheckContext, expr: BinaryExpr, leftType: CType): void {
  const count = integerConstant(c, expr.right);
  if (count === null) return;
  const width = sizeOf(leftType) * 8;
  if (count < 0n) c.warning(expr.right.span, "shift count is negative");
  else if (count >= BigInt(width)) c.warning(expr.right.span, `shift count >= width of type`);
}

/**
 * clang 14's BPF backend has no signed division (BPF gained sdiv only with -mcpu=v4): a signed
 * `/` or `%` that survives optimisation fails to compile, even by a constant like 3. It survives
 * unless the whole expression folds, the divisor is 1 or -1, or LLVM can prove both operands
 * non-negative (a zero-extended narrower unsigned value, a non-negative constant) and use `udiv`.
 * clang reports it from the backend with no line; Tailscope points at the operator.
 */
function requireUnsignedDivision(c: CheckContext, expr: BinaryExpr, common: CType): void {
  if (!isInteger(common) || !integerOf(common).signed) return;
  const divisor = integerConstant(c, expr.right);
  if (divisor !== null && (divisor === 1n || divisor === -1n || divisor === 0n)) return;
  if (divisor !== null && integerConstant(c, expr.left) !== null) return;
  if (knownNonNegative(c, expr.left, common) && knownNonNegative(c, expr.right, common)) return;
  c.error(expr.opSpan, "Unsupport signed division for DAG: Please convert to unsigned div/mod.", {
    explanation:
      "clang 14 compiles for a BPF instruction set with no signed division; make an operand unsigned (for example `(u32)a / b`).",
  });
}

/** Whether LLVM sees `expr`, converted to `common`, as non-negative without value tracking. */
function knownNonNegative(c: CheckContext, expr: Expr, common: CType): boolean {
  const constant = integerConstant(c, expr);
  if (constant !== null) return constant >= 0n;
  const inner = expr.kind === "cast" ? expr.operand : expr;
  const type = c.program.exprTypes[inner.id];
  if (type === undefined || !isInteger(type)) return false;
  const source = integerOf(type);
  return isInteger(common) && !source.signed && source.size < integerOf(common).size;
}

function warnDivisionByZero(c: CheckContext, expr: BinaryExpr): void {
  if (expr.op !== "/") return;
  const divisor = integerConstant(c, expr.right);
  if (divisor === 0n) c.warning(expr.right.span, "division by zero is undefined");
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

function memberType(c: CheckContext, expr: MemberExpr): CType {
  const objectType = checkExpression(c, expr.object);
  let recordType: CType = objectType;
  if (expr.arrow) {
    const decayed = decay(objectType);
    if (decayed.kind !== "pointer") {
      c.error(
        expr.memberSpan,
        `member reference type ${quoteType(objectType)} is not a pointer; did you mean to use '.'?`,
      );
      if (objectType.kind !== "record") return errorType;
    } else recordType = decayed.to;
  } else if (objectType.kind === "pointer") {
    c.error(
      expr.memberSpan,
      `member reference type ${quoteType(objectType)} is a pointer; did you mean to use '->'?`,
    );
    recordType = objectType.to;
  }
  if (recordType.kind !== "record") {
    c.error(
      expr.memberSpan,
      `member reference base type ${quoteType(recordType)} is not a structure or union`,
    );
    return errorType;
  }
  if (!recordType.record.complete) {
    c.error(expr.object.span, `incomplete definition of type ${quoteType(recordType)}`);
    return errorType;
  }
  const found = findField(recordType.record, expr.member);
  if (!found) {
    c.error(expr.memberSpan, `no member named '${expr.member}' in ${quoteType(unqualified(recordType))}`);
    return errorType;
  }
  c.program.members.set(expr, {
    field: found.field,
    offset: found.offset,
    bitOffset: found.bitOffset,
    record: recordType.record,
  });
  const quals = {
    const: recordType.const || found.field.type.const,
    volatile: recordType.volatile || found.field.type.volatile,
  };
  return quals.const || quals.volatile
    ? { ...found.field.type, const: quals.const || undefined, volatile: quals.volatile || undefined }
    : found.field.type;
}

function indexType(c: CheckContext, expr: Extract<Expr, { kind: "index" }>): CType {
  const base = checkRvalue(c, expr.array);
  const index = checkRvalue(c, expr.index);
  const [pointer, subscript] =
    base.kind === "pointer" ? [base, index] : index.kind === "pointer" ? [index, base] : [null, index];
  if (!pointer) {
    c.error(expr.array.span, "subscripted value is not an array, pointer, or vector");
    return errorType;
  }
  if (!isInteger(subscript)) {
    c.error(expr.index.span, "array subscript is not an integer");
    return errorType;
  }
  warnConstantIndexOutOfBounds(c, expr);
  if (!isComplete(pointer.to) && pointer.to.kind !== "void") {
    c.error(expr.span, `subscript of pointer to incomplete type ${quoteType(pointer.to)}`);
  }
  return pointer.to;
}

/** "array index 5 is past the end of the array (which contains 4 elements)" (-Warray-bounds). */
function warnConstantIndexOutOfBounds(c: CheckContext, expr: Extract<Expr, { kind: "index" }>): void {
  const arrayType = c.program.exprTypes[expr.array.id];
  if (arrayType?.kind !== "array" || arrayType.length === null) return;
  const index = integerConstant(c, expr.index);
  if (index === null) return;
  if (index >= BigInt(arrayType.length)) {
    c.warning(
      expr.index.span,
      `array index ${index} is past the end of the array (which contains ${arrayType.length} element${arrayType.length === 1 ? "" : "s"})`,
    );
  } else if (index < 0n)
    c.warning(expr.index.span, `array index ${index} is before the beginning of the array`);
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

function offsetofType(c: CheckContext, expr: OffsetofExpr): CType {
  let type = typeOfTypeName(c, expr.typeName);
  let offset = 0n;
  for (const step of expr.path) {
    if ("member" in step) {
      if (type.kind !== "record" || !type.record.complete) {
        c.error(step.span, `offsetof requires struct, union, or class type, ${quoteType(type)} invalid`);
        return sizeType;
      }
      const found = findField(type.record, step.member);
      if (!found) {
        c.error(step.span, `no member named '${step.member}' in ${quoteType(type)}`);
        return sizeType;
      }
      offset += BigInt(found.offset);
      type = found.field.type;
    } else {
      checkRvalue(c, step.index);
      const index = integerConstant(c, step.index);
      if (type.kind !== "array" || index === null) return sizeType;
      offset += index * BigInt(sizeOf(type.of));
      type = type.of;
    }
  }
  c.program.constants.set(expr.id, offset);
  return sizeType;
}

export { errorType };

/** Whether evaluating the expression can change anything (clang's -Wunused-value test, simplified). */
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
