import type { Span } from "../source/source-file";
import type { CompoundStmt, Expr, Stmt } from "../syntax/ast";
import type { CheckContext } from "./check-context";
import { hasSideEffects } from "./check-expressions";
import { integerConstant } from "./constant";
import { checkConversion } from "./conversions";
import { type CType, isInteger, isScalar, voidType } from "./ctypes";
import { quoteType } from "./format";

function requireScalarCondition(c: CheckContext, test: Expr): void {
  const type = c.rvalue(test);
  if (!isScalar(type))
    c.error(test.span, `statement requires expression of scalar type (${quoteType(type)} invalid)`);
}

export function checkStatement(c: CheckContext, stmt: Stmt): void {
  const fn = c.fn;
  switch (stmt.kind) {
    case "compound":
      c.pushScope();
      for (const item of stmt.items) checkStatement(c, item);
      c.popScope();
      return;
    case "declaration":
      c.declaration(stmt);
      return;
    case "static-assert":
      checkStaticAssert(c, stmt.test, stmt.message, stmt.span);
      return;
    case "expr-stmt":
      c.expression(stmt.expr);
      if (!hasSideEffects(stmt.expr)) c.warning(stmt.expr.span, "expression result unused");
      return;
    case "if":
      requireScalarCondition(c, stmt.test);
      checkStatement(c, stmt.then);
      if (stmt.otherwise) checkStatement(c, stmt.otherwise);
      return;
    case "while":
    case "do-while":
      requireScalarCondition(c, stmt.test);
      inLoop(c, () => checkStatement(c, stmt.body));
      return;
    case "for":
      c.pushScope();
      if (stmt.init) {
        if (stmt.init.kind === "declaration") c.declaration(stmt.init);
        else c.expression(stmt.init);
      }
      if (stmt.test) requireScalarCondition(c, stmt.test);
      if (stmt.step) c.expression(stmt.step);
      inLoop(c, () => checkStatement(c, stmt.body));
      c.popScope();
      return;
    case "switch": {
      const type = c.rvalue(stmt.test);
      if (!isInteger(type))
        c.error(stmt.test.span, `statement requires expression of integer type (${quoteType(type)} invalid)`);
      if (!fn) return;
      fn.switchDepth++;
      fn.switchCases.push(new Map());
      checkStatement(c, stmt.body);
      fn.switchCases.pop();
      fn.switchDepth--;
      return;
    }
    case "case":
      checkCase(c, stmt.value, stmt.rangeEnd, stmt.span);
      checkStatement(c, stmt.body);
      return;
    case "default":
      if (fn && fn.switchDepth === 0) c.error(stmt.span, "'default' statement not in switch statement");
      checkStatement(c, stmt.body);
      return;
    case "break":
      if (fn && fn.loopDepth === 0 && fn.switchDepth === 0)
        c.error(stmt.span, "'break' statement not in loop or switch statement");
      return;
    case "continue":
      if (fn && fn.loopDepth === 0) c.error(stmt.span, "'continue' statement not in loop statement");
      return;
    case "return":
      checkReturn(c, stmt.value, stmt.span);
      return;
    case "goto":
      fn?.gotos.push({ label: stmt.label, span: stmt.span });
      return;
    case "labeled":
      if (fn) {
        const previous = fn.labels.get(stmt.label);
        if (previous)
          c.error(stmt.span, `redefinition of label '${stmt.label}'`, {
            notes: [c.note(previous, "previous definition is here")],
          });
        fn.labels.set(stmt.label, stmt.span);
      }
      checkStatement(c, stmt.body);
      return;
    case "asm":
      c.warning(stmt.span, "inline assembly is not run by Tailscope; the statement has no effect here", {
        explanation: "Tailscope interprets C, not BPF instructions, so asm statements are skipped.",
      });
      return;
    case "null":
      return;
  }
}

function inLoop(c: CheckContext, body: () => void): void {
  if (!c.fn) return body();
  c.fn.loopDepth++;
  body();
  c.fn.loopDepth--;
}

function checkCase(c: CheckContext, value: Expr, rangeEnd: Expr | null, span: Span): void {
  const fn = c.fn;
  c.rvalue(value);
  const constant = integerConstant(c, value);
  if (constant === null) c.error(value.span, "expression is not an integer constant expression");
  if (rangeEnd) {
    c.rvalue(rangeEnd);
    integerConstant(c, rangeEnd);
  }
  if (!fn || fn.switchDepth === 0) {
    c.error(span, "'case' statement not in switch statement");
    return;
  }
  const cases = fn.switchCases[fn.switchCases.length - 1];
  if (constant !== null) {
    const previous = cases.get(constant);
    if (previous)
      c.error(value.span, `duplicate case value '${constant}'`, {
        notes: [c.note(previous, "previous case defined here")],
      });
    else cases.set(constant, value.span);
  }
}

function checkReturn(c: CheckContext, value: Expr | null, span: Span): void {
  const fn = c.fn;
  if (!fn) return;
  const returnsVoid = fn.returns.kind === "void";
  if (value === null) {
    if (!returnsVoid) c.error(span, `non-void function '${fn.symbol.name}' should return a value`);
    return;
  }
  const type = c.rvalue(value);
  if (returnsVoid) {
    if (type.kind !== "void")
      c.error(value.span, `void function '${fn.symbol.name}' should not return a value`);
    return;
  }
  checkConversion(c, value, type, fn.returns, { kind: "returning" }, value.span);
}

export function checkStaticAssert(c: CheckContext, test: Expr, message: string | null, span: Span): void {
  c.rvalue(test);
  const value = integerConstant(c, test);
  if (value === null) c.error(test.span, "static_assert expression is not an integral constant expression");
  else if (value === 0n)
    c.error(span, message === null ? "static_assert failed" : `static_assert failed "${message}"`);
}

/** `({ …; x; })`: the value of the last expression statement, or void. */
export function checkStatementExpression(c: CheckContext, body: CompoundStmt): CType {
  c.pushScope();
  let type: CType = voidType;
  body.items.forEach((item, i) => {
    if (i === body.items.length - 1 && item.kind === "expr-stmt") type = c.rvalue(item.expr);
    else checkStatement(c, item);
  });
  c.popScope();
  if (!c.fn) c.error(body.span, "statement expression not allowed at file scope");
  return type;
}
