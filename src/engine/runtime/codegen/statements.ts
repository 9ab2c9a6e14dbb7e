import type { Span } from "../../source/source-file";
import type { Declaration, Expr, Stmt } from "../../syntax/ast";
import { evaluateConstant } from "../../types/constant";
import { isInteger, sizeOf, unqualified } from "../../types/ctypes";
import type { InitEntry, VariableSymbol } from "../../types/symbols";
import { type Frame, RETURN } from "../machine-state";
import { isTruthy } from "./arithmetic";
import type { Eval } from "./function-generator";
import { FunctionGenerator } from "./function-generator";
import { generateInitializerStores } from "./initializers";
import { localStorer } from "./locals";
import { accumulates, generateLoopedReturn, loopedReturn, unwindingReturn } from "./self-loops";

export function generateStatement(c: FunctionGenerator, stmt: Stmt): void {
  switch (stmt.kind) {
    case "compound":
      for (const item of stmt.items) generateStatement(c, item);
      return;
    case "declaration":
      return generateDeclaration(c, stmt);
    case "expr-stmt": {
      let call = stmt.expr;
      while (call.kind === "cast") call = call.operand;
      if (call.kind === "call") c.statementCalls?.add(call);
      c.discarded.add(call);
      emitExpression(c, c.rvalue(stmt.expr), stmt.span);
      return;
    }
    case "if": {
      const skipThen = c.emitJump(stmt.span, c.rvalue(stmt.test), false);
      generateStatement(c, stmt.then);
      if (!stmt.otherwise) {
        c.patch(skipThen, c.pc, isTruthy);
        return;
      }
      const skipElse = c.emitJump(null);
      c.patch(skipThen, c.pc, isTruthy);
      generateStatement(c, stmt.otherwise);
      c.patch(skipElse, c.pc, isTruthy);
      return;
    }
    case "while": {
      const top = c.pc;
      const exit = c.emitJump(stmt.span, c.rvalue(stmt.test), false);
      generateLoopBody(c, stmt.body, top, () => {
        c.patch(c.emitJump(null), top, isTruthy);
        c.patch(exit, c.pc, isTruthy);
      });
      return;
    }
    case "do-while": {
      const top = c.pc;
      generateLoopBody(c, stmt.body, -1, (continueAt) => {
        continueAt(c.pc);
        c.patch(c.emitJump(stmt.test.span, c.rvalue(stmt.test), true), top, isTruthy);
      });
      return;
    }
    case "for":
      return generateFor(c, stmt);
    case "switch":
      return generateSwitch(c, stmt);
    case "case": {
      const value = evaluateConstant(c.env.program, stmt.value);
      const end = stmt.rangeEnd ? evaluateConstant(c.env.program, stmt.rangeEnd) : value;
      const current = c.switches[c.switches.length - 1];
      if (current && value?.kind === "int" && end?.kind === "int") {
        for (let v = value.value; v <= end.value && v - value.value < 4096n; v++) current.cases.set(v, c.pc);
      }
      generateStatement(c, stmt.body);
      return;
    }
    case "default": {
      const current = c.switches[c.switches.length - 1];
      if (current) current.defaultPc = c.pc;
      generateStatement(c, stmt.body);
      return;
    }
    case "break": {
      const loop = c.innermostLoop(false);
      if (loop) loop.breakJumps.push(c.emitJump(stmt.span));
      return;
    }
    case "continue": {
      const loop = c.innermostLoop(true);
      if (loop) loop.continueJumps.push(c.emitJump(stmt.span));
      return;
    }
    case "return": {
      const looped = stmt.value ? loopedReturn(c, stmt.value) : null;
      if (looped) return generateLoopedReturn(c, stmt, looped);
      const returns = c.symbol.type.returns;
      const value: Eval | null = stmt.value ? c.converted(stmt.value, returns) : null;
      if (accumulates(c)) {
        c.emit(unwindingReturn(value), stmt.span);
        return;
      }
      const generated =
        value?.js === undefined ? null : c.source.instruction(`f.result = ${value.js};`, `${RETURN}`);
      c.emit(
        generated ??
          ((f) => {
            f.result = value ? value(f) : 0;
            return RETURN;
          }),
        stmt.span,
      );
      return;
    }
    case "goto":
      c.gotos.push({ label: stmt.label, at: c.emitJump(stmt.span) });
      return;
    case "labeled":
      c.labels.set(stmt.label, c.pc);
      generateStatement(c, stmt.body);
      return;
    case "asm":
    case "null":
    case "static-assert":
      return;
  }
}

/** Compiles a loop body; `continue` goes to `continueTarget`, or where `finish` says for do/while. */
function generateLoopBody(
  c: FunctionGenerator,
  body: Stmt,
  continueTarget: number,
  finish: (continueAt: (pc: number) => void) => void,
): void {
  const loop = c.pushLoop(false);
  generateStatement(c, body);
  c.popLoop();
  let continuePc = continueTarget;
  finish((pc) => {
    continuePc = pc;
  });
  for (const jump of loop.continueJumps) c.patch(jump, continuePc, isTruthy);
  for (const jump of loop.breakJumps) c.patch(jump, c.pc, isTruthy);
}

/** An expression run for its effects as one statement, then on to the next. */
function emitExpression(c: FunctionGenerator, value: Eval, span: Span): void {
  const next = c.pc + 1;
  const generated = value.js === undefined ? null : c.source.instruction(`${value.js};`, `${next}`);
  c.emit(
    generated ??
      ((f) => {
        value(f);
        return next;
      }),
    span,
  );
}

function generateFor(c: FunctionGenerator, stmt: Extract<Stmt, { kind: "for" }>): void {
  if (stmt.init?.kind === "declaration") generateDeclaration(c, stmt.init);
  else if (stmt.init) {
    emitExpression(c, c.rvalue(stmt.init), stmt.init.span);
  }
  const top = c.pc;
  const exit = stmt.test ? c.emitJump(stmt.test.span, c.rvalue(stmt.test), false) : null;
  const loop = c.pushLoop(false);
  generateStatement(c, stmt.body);
  c.popLoop();
  const continuePc = c.pc;
  if (stmt.step) {
    emitExpression(c, c.rvalue(stmt.step), stmt.step.span);
  }
  c.patch(c.emitJump(null), top, isTruthy);
  for (const jump of loop.continueJumps) c.patch(jump, continuePc, isTruthy);
  for (const jump of loop.breakJumps) c.patch(jump, c.pc, isTruthy);
  if (exit !== null) c.patch(exit, c.pc, isTruthy);
}

function generateSwitch(c: FunctionGenerator, stmt: Extract<Stmt, { kind: "switch" }>): void {
  const test = c.rvalue(stmt.test);
  const dispatchAt = c.emit(() => 0, stmt.span);
  const table = { cases: new Map<bigint, number>(), defaultPc: null as number | null };
  c.switches.push(table);
  const loop = c.pushLoop(true);
  generateStatement(c, stmt.body);
  c.popLoop();
  c.switches.pop();
  const end = c.pc;
  for (const jump of loop.breakJumps) c.patch(jump, end, isTruthy);
  const fallback = table.defaultPc ?? end;
  c.instructions[dispatchAt] = (f) => {
    const value = test(f);
    const key = typeof value === "bigint" ? value : BigInt(typeof value === "number" ? value : 0);
    return table.cases.get(key) ?? fallback;
  };
}

function generateDeclaration(c: FunctionGenerator, declaration: Declaration): void {
  for (const initDeclarator of declaration.declarators) {
    const symbol = c.env.program.declared.get(initDeclarator);
    if (!symbol || symbol.storage !== "local") continue;
    const entries = c.env.program.initializers.get(initDeclarator);
    if (!entries) {
      c.slotOffset(symbol);
      continue;
    }
    if (generateScalarInitializer(c, symbol, entries, declaration.span)) continue;
    const offset = c.localOffset(symbol);
    const fill = generateInitializerStores(c, entries, symbol.type);
    const next = c.pc + 1;
    c.emit((f: Frame) => {
      fill(f, { region: f.stack, offset });
      return next;
    }, declaration.span);
  }
}

/**
 * `int x = e;` and `struct s *p = e;`: one value fills the whole object, so the declaration is
 * an assignment (nothing to zero first), generated as one. False for aggregates and bit-fields.
 */
function generateScalarInitializer(
  c: FunctionGenerator,
  symbol: VariableSymbol,
  entries: readonly InitEntry[],
  span: Span,
): boolean {
  const type = unqualified(symbol.type);
  const [entry] = entries;
  if (entries.length !== 1 || entry.offset !== 0 || entry.bitWidth !== undefined) return false;
  if (!(isInteger(type) || type.kind === "pointer") || entry.value.kind === "string") return false;
  if (sizeOf(unqualified(entry.type)) !== sizeOf(type)) return false;
  const write = localStorer(c, symbol, type, span);
  if (!write) return false;
  const value = c.converted(entry.value, entry.type);
  const next = c.pc + 1;
  const v = c.source.temp();
  const generated =
    write.jsStore !== undefined && value.js !== undefined
      ? c.source.instruction(`${v} = ${value.js}; ${write.jsStore(v)};`, `${next}`)
      : null;
  c.emit(
    generated ??
      ((f) => {
        write(f, value(f));
        return next;
      }),
    span,
  );
  return true;
}

/** `({ …; value; })`: runs its statements in the current frame and yields the last expression's value. */
export function generateStatementExpression(c: FunctionGenerator, expr: StatementExpr): Eval {
  const body = expr.body;
  const inner = c.child();
  const last = body.items[body.items.length - 1];
  const items = last?.kind === "expr-stmt" ? body.items.slice(0, -1) : body.items;
  for (const item of items) generateStatement(inner, item);
  if (last?.kind === "expr-stmt" && c.discarded.has(expr)) {
    let result = last.expr;
    while (result.kind === "cast") result = result.operand;
    c.discarded.add(result);
  }
  const value = last?.kind === "expr-stmt" ? inner.rvalue(last.expr) : null;
  const instructions = inner.instructions;
  // bpf_printk's body declares only its static format: nothing to run before the value.
  if (instructions.length === 0 && value) return value;
  return (f) => {
    for (let pc = 0; pc >= 0 && pc < instructions.length; ) pc = instructions[pc](f);
    return value ? value(f) : 0;
  };
}

export type { Span };

type StatementExpr = Extract<Expr, { kind: "statement-expr" }>;
