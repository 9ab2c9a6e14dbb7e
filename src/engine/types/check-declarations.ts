import type { Span } from "../source/source-file";
import type { Attribute, Declaration, Expr, FunctionDefinition, InitDeclarator, Stmt } from "../syntax/ast";
import { checkSignedDivisions } from "./check-binary";
import type { CheckContext, FunctionContext } from "./check-context";
import { checkInitializer } from "./check-initializers";
import { evaluateConstant } from "./constant";
import { type CType, type FunctionType, isComplete, sameType } from "./ctypes";
import { quoteType } from "./format";
import type { FunctionSymbol, InitEntry, VariableSymbol } from "./symbols";
import { applyDeclarator, attributeNamed, baseType } from "./type-builder";

/** The string argument of `__attribute__((section("…")))`, as `SEC("…")` writes it. */
export function sectionOf(attributes: readonly Attribute[]): string | null {
  const section = attributeNamed(attributes, "section");
  const arg = section?.args[0];
  if (!arg || arg.kind !== "string") return null;
  return String.fromCharCode(...arg.bytes);
}

export function checkDeclaration(c: CheckContext, declaration: Declaration): void {
  const base = baseType(c, declaration.specifiers);
  for (const initDeclarator of declaration.declarators) {
    const { declarator } = initDeclarator;
    const type = applyDeclarator(c, base, declarator);
    const attributes = [...declaration.specifiers.attributes, ...declarator.attributes];
    const name = declarator.name;
    if (!name) continue;
    if (declaration.specifiers.storage === "typedef") {
      declareTypedef(c, name, type, declarator.nameSpan);
      continue;
    }
    if (type.kind === "function") {
      if (initDeclarator.init)
        c.error(initDeclarator.init.span, `illegal initializer (only variables can be initialized)`);
      declareFunction(
        c,
        name,
        type,
        declarator.nameSpan,
        attributes,
        declaration.specifiers.storage === "static",
        declaration.specifiers.inline,
      );
      continue;
    }
    declareVariable(c, declaration, initDeclarator, type, attributes);
  }
}

function declareTypedef(c: CheckContext, name: string, type: CType, span: Span): void {
  const previous = c.scope.ordinary.get(name);
  if (previous?.kind === "typedef" && sameType(previous.type, type)) return;
  if (previous)
    c.error(
      span,
      `redefinition of '${name}'${previous.kind === "typedef" ? ` with a different type: ${quoteType(type)} vs ${quoteType(previous.type)}` : " as different kind of symbol"}`,
    );
  c.scope.ordinary.set(name, { kind: "typedef", id: c.symbolId(), name, type, span });
}

export function declareFunction(
  c: CheckContext,
  name: string,
  type: FunctionType,
  span: Span,
  attributes: readonly Attribute[],
  isStatic: boolean,
  inline: boolean,
): FunctionSymbol {
  let file = c.scope;
  while (file.parent) file = file.parent;
  const previous = c.scope.lookup(name) ?? file.ordinary.get(name);
  if (previous?.kind === "function") {
    if (!sameType(previous.type, type)) {
      c.error(span, `conflicting types for '${name}'`, {
        notes: [c.note(previous.span, "previous declaration is here")],
      });
    } else if (type.prototype && !previous.type.prototype) previous.type = type;
    previous.attributes.push(...attributes);
    previous.section = sectionOf(previous.attributes) ?? previous.section;
    previous.inline ||= isInlined(attributes, isStatic, inline);
    c.scope.ordinary.set(name, previous);
    return previous;
  }
  if (previous && c.scope.ordinary.get(name) === previous) {
    c.error(span, `redefinition of '${name}' as different kind of symbol`, {
      notes: [c.note(previous.span, "previous definition is here")],
    });
  }
  const symbol: FunctionSymbol = {
    kind: "function",
    id: c.symbolId(),
    name,
    type,
    span,
    isStatic,
    attributes: [...attributes],
    definition: null,
    section: sectionOf(attributes),
    inline: isInlined(attributes, isStatic, inline),
  };
  c.scope.ordinary.set(name, symbol);
  if (c.scope !== file) file.ordinary.set(name, symbol);
  c.program.functions.push(symbol);
  return symbol;
}

/** `__always_inline`, or `static inline`, is folded into each caller; `__noinline` never is. */
function isInlined(attributes: readonly Attribute[], isStatic: boolean, inline: boolean): boolean {
  if (attributeNamed(attributes, "noinline")) return false;
  return attributeNamed(attributes, "always_inline") !== undefined || (isStatic && inline);
}

function declareVariable(
  c: CheckContext,
  declaration: Declaration,
  initDeclarator: InitDeclarator,
  declaredType: CType,
  attributes: readonly Attribute[],
): void {
  const { declarator, init } = initDeclarator;
  const name = declarator.name as string;
  const storageClass = declaration.specifiers.storage;
  const isGlobal = c.atFileScope || storageClass === "static" || storageClass === "extern";
  const previous = c.scope.ordinary.get(name);
  let symbol: VariableSymbol;
  if (previous?.kind === "variable" && isGlobal && previous.storage === "global") {
    if (
      !sameType(previous.type, declaredType) &&
      !(previous.type.kind === "array" && declaredType.kind === "array")
    ) {
      c.error(
        declarator.nameSpan,
        `redefinition of '${name}' with a different type: ${quoteType(declaredType)} vs ${quoteType(previous.type)}`,
      );
    } else if (init && previous.init) {
      c.error(declarator.nameSpan, `redefinition of '${name}'`, {
        notes: [c.note(previous.span, "previous definition is here")],
      });
    }
    symbol = previous;
  } else {
    if (previous) {
      c.error(
        declarator.nameSpan,
        `redefinition of '${name}'${previous.kind === "variable" ? "" : " as different kind of symbol"}`,
        {
          notes: [c.note(previous.span, "previous definition is here")],
        },
      );
    }
    symbol = {
      kind: "variable",
      id: c.symbolId(),
      name,
      type: declaredType,
      storage: isGlobal ? "global" : "local",
      isStatic: storageClass === "static",
      isExtern: storageClass === "extern",
      span: declarator.nameSpan,
      attributes,
      owner: c.atFileScope ? null : (c.fn?.symbol.name ?? null),
      init: null,
      section: null,
    };
    c.scope.ordinary.set(name, symbol);
    if (isGlobal) c.program.globals.push(symbol);
    else c.fn?.locals.push(symbol);
  }
  c.program.declared.set(initDeclarator, symbol);
  if (init) {
    const entries: InitEntry[] = [];
    symbol.type = checkInitializer(c, declaredType, init, entries);
    symbol.init = init;
    c.program.initializers.set(initDeclarator, entries);
    if (isGlobal) requireConstantEntries(c, entries);
  }
  if (!isComplete(symbol.type) && !symbol.isExtern && !(symbol.type.kind === "array" && isGlobal && !init)) {
    c.error(declarator.nameSpan, `variable has incomplete type ${quoteType(symbol.type)}`);
  }
  const entries = c.program.initializers.get(initDeclarator) ?? [];
  symbol.section =
    sectionOf(attributes) ?? (isGlobal ? defaultSection(symbol, init !== null, entries, c) : null);
}

function requireConstantEntries(c: CheckContext, entries: readonly InitEntry[]): void {
  for (const entry of entries) {
    if (entry.value.kind === "string" || entry.value.kind === "compound-literal") continue;
    if (!evaluateConstant(c.program, entry.value))
      c.error(entry.value.span, "initializer element is not a compile-time constant");
  }
}

/** clang: const data in `.rodata`, zero or uninitialised data in `.bss`, the rest in `.data`. */
function defaultSection(
  symbol: VariableSymbol,
  initialised: boolean,
  entries: readonly InitEntry[],
  c: CheckContext,
): string {
  if (symbol.type.const || (symbol.type.kind === "array" && symbol.type.of.const)) return ".rodata";
  if (!initialised) return ".bss";
  const allZero = entries.every((e) => {
    if (e.value.kind === "string") return e.value.bytes.every((b) => b === 0);
    const value = evaluateConstant(c.program, e.value);
    return value?.kind === "int" && value.value === 0n;
  });
  return allZero ? ".bss" : ".data";
}

export function checkFunctionDefinition(c: CheckContext, definition: FunctionDefinition): void {
  const base = baseType(c, definition.specifiers);
  const type = applyDeclarator(c, base, definition.declarator);
  const name = definition.declarator.name;
  if (type.kind !== "function" || !name) return;
  const attributes = [...definition.specifiers.attributes, ...definition.declarator.attributes];
  const symbol = declareFunction(
    c,
    name,
    type,
    definition.declarator.nameSpan,
    attributes,
    definition.specifiers.storage === "static",
    definition.specifiers.inline,
  );
  if (symbol.definition) {
    c.error(definition.declarator.nameSpan, `redefinition of '${name}'`, {
      notes: [c.note(symbol.definition.declarator.nameSpan, "previous definition is here")],
    });
    return;
  }
  symbol.definition = definition;
  const fn: FunctionContext = {
    symbol,
    returns: type.returns,
    locals: [],
    labels: new Map(),
    gotos: [],
    loopDepth: 0,
    switchDepth: 0,
    switchCases: [],
    staticCounter: new Map(),
    divisions: [],
  };
  c.fn = fn;
  c.pushScope();
  declareParameters(c, definition, type, fn);
  for (const item of definition.body.items) c.statement(item);
  c.popScope();
  checkSignedDivisions(c, fn, definition.body);
  for (const jump of fn.gotos)
    if (!fn.labels.has(jump.label)) c.error(jump.span, `use of undeclared label '${jump.label}'`);
  if (type.returns.kind !== "void" && canFallThrough(definition.body)) {
    const closing = { ...definition.body.span, start: definition.body.span.end - 1 };
    const returnsSomewhere = containsReturn(definition.body);
    c.flowWarnings.push({
      span: closing,
      message: `non-void function does not return a value${returnsSomewhere ? " in all control paths" : ""}`,
    });
  }
  c.program.locals.set(symbol, fn.locals);
  c.fn = null;
}

function declareParameters(
  c: CheckContext,
  definition: FunctionDefinition,
  type: FunctionType,
  fn: FunctionContext,
): void {
  const part = definition.declarator.parts[0];
  if (part?.kind !== "function") return;
  part.params.forEach((param, i) => {
    const name = param.declarator.name;
    if (!name) {
      c.error(param.span, "parameter name omitted");
      return;
    }
    const symbol: VariableSymbol = {
      kind: "variable",
      id: c.symbolId(),
      name,
      type: type.params[i],
      storage: "param",
      isStatic: false,
      isExtern: false,
      span: param.declarator.nameSpan,
      attributes: param.declarator.attributes,
      owner: fn.symbol.name,
      init: null,
      section: null,
    };
    if (c.scope.ordinary.has(name)) c.error(param.declarator.nameSpan, `redefinition of parameter '${name}'`);
    c.scope.ordinary.set(name, symbol);
    fn.locals.push(symbol);
  });
}

/**
 * Whether control can reach the end of a statement, as clang's -Wreturn-type decides it: an
 * endless loop (`for (;;)`, `while (1)`) ends only through a `break`, a switch with a `default`
 * only through a `break` or its last case, and a statement after a `return` or `goto` is reached
 * again only at a label.
 */
function canFallThrough(stmt: Stmt): boolean {
  switch (stmt.kind) {
    case "return":
    case "goto":
      return false;
    case "compound": {
      let reachable = true;
      for (const item of stmt.items) {
        if (item.kind === "labeled" || item.kind === "case" || item.kind === "default") reachable = true;
        if (reachable) reachable = canFallThrough(item);
      }
      return reachable;
    }
    case "if":
      return stmt.otherwise === null || canFallThrough(stmt.then) || canFallThrough(stmt.otherwise);
    case "expr-stmt":
      return !(
        stmt.expr.kind === "call" &&
        stmt.expr.callee.kind === "ident" &&
        ["__builtin_unreachable", "__builtin_trap"].includes(stmt.expr.callee.name)
      );
    case "labeled":
    case "case":
    case "default":
      return canFallThrough(stmt.body);
    case "while":
    case "for":
      return !alwaysTrue(stmt.test) || breaksOut(stmt.body);
    case "do-while":
      return (
        breaksOut(stmt.body) ||
        (!alwaysTrue(stmt.test) && (canFallThrough(stmt.body) || continues(stmt.body)))
      );
    case "switch":
      return !hasDefault(stmt.body) || breaksOut(stmt.body) || canFallThrough(stmt.body);
    default:
      return true;
  }
}

/** A loop condition that is missing or a non-zero literal. */
function alwaysTrue(test: Expr | null): boolean {
  return test === null || (test.kind === "int" && test.value !== 0n);
}

/** Whether a `break` in `stmt` leaves the loop or switch `stmt` is the body of. */
function breaksOut(stmt: Stmt): boolean {
  return findJump(stmt, "break");
}

/** Whether a `continue` in `stmt` goes round the loop `stmt` is the body of. */
function continues(stmt: Stmt): boolean {
  return findJump(stmt, "continue");
}

/** A `break` or `continue` that belongs to the enclosing statement, not to one nested in it. */
function findJump(stmt: Stmt, jump: "break" | "continue"): boolean {
  switch (stmt.kind) {
    case "break":
    case "continue":
      return stmt.kind === jump;
    case "compound":
      return stmt.items.some((item) => findJump(item, jump));
    case "if":
      return findJump(stmt.then, jump) || (stmt.otherwise !== null && findJump(stmt.otherwise, jump));
    case "labeled":
    case "case":
    case "default":
      return findJump(stmt.body, jump);
    case "switch":
      // A break in a nested switch leaves that switch; a continue still goes round the loop.
      return jump === "continue" && findJump(stmt.body, jump);
    default:
      return false;
  }
}

/** Whether a switch body has a `default` label of its own. */
function hasDefault(stmt: Stmt): boolean {
  switch (stmt.kind) {
    case "default":
      return true;
    case "compound":
      return stmt.items.some(hasDefault);
    case "if":
      return hasDefault(stmt.then) || (stmt.otherwise !== null && hasDefault(stmt.otherwise));
    case "labeled":
    case "case":
      return hasDefault(stmt.body);
    default:
      return false;
  }
}

function containsReturn(stmt: Stmt): boolean {
  switch (stmt.kind) {
    case "return":
      return true;
    case "compound":
      return stmt.items.some(containsReturn);
    case "if":
      return containsReturn(stmt.then) || (stmt.otherwise !== null && containsReturn(stmt.otherwise));
    case "while":
    case "do-while":
    case "for":
    case "switch":
    case "labeled":
    case "case":
    case "default":
      return containsReturn(stmt.body);
    default:
      return false;
  }
}
