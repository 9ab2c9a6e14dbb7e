import type { Span } from "../source/source-file";
import type { CallExpr, Identifier } from "../syntax/ast";
import { atomicBuiltins, builtinFunctions, libraryBuiltins } from "./builtins";
import { type CheckContext, errorType } from "./check-context";
import { checkConversion } from "./conversions";
import {
  type CType,
  type FunctionType,
  intType,
  isComplete,
  isInteger,
  unqualified,
  voidType,
} from "./ctypes";
import { quoteType } from "./format";
import type { FunctionSymbol } from "./symbols";

// Names and calls: what an identifier refers to (a declaration, a compiler builtin, or
// clang's implicit declaration of an undeclared function), and a call's arguments checked
// against the function's prototype. Subexpressions are checked through the context's table.

export function identifierType(c: CheckContext, expr: Identifier, isCallee: boolean): CType {
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
  return declaredAtFileScope(c, name, type, span);
}

/** A function symbol the compiler declares itself, in the file's scope (a builtin, an implicit declaration). */
function declaredAtFileScope(c: CheckContext, name: string, type: FunctionType, span: Span): FunctionSymbol {
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
  const symbol = declaredAtFileScope(c, expr.name, type, expr.span);
  c.program.functions.push(symbol);
  c.program.references[expr.id] = symbol;
  return type;
}

export function callType(c: CheckContext, expr: CallExpr): CType {
  if (expr.callee.kind === "ident" && atomicBuiltins.has(expr.callee.name)) return atomicCallType(c, expr);
  if (expr.callee.kind === "ident" && expr.callee.name === "__builtin_preserve_access_index") {
    c.program.exprTypes[expr.callee.id] = voidType;
    return expr.args[0] ? c.expression(expr.args[0]) : voidType;
  }
  const calleeType =
    expr.callee.kind === "ident" ? identifierType(c, expr.callee, true) : c.expression(expr.callee);
  c.program.exprTypes[expr.callee.id] = calleeType;
  const fnType =
    calleeType.kind === "function"
      ? calleeType
      : calleeType.kind === "pointer" && calleeType.to.kind === "function"
        ? calleeType.to
        : null;
  if (!fnType) {
    for (const arg of expr.args) c.rvalue(arg);
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
  const argTypes = expr.args.map((arg) => c.rvalue(arg));
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
  const types = expr.args.map((arg) => c.rvalue(arg));
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
