import type { CompoundStmt, Declaration, Expr, Stmt } from "./ast";
import { isDeclarationStart, parseBlockDeclaration, parseStaticAssert } from "./parse-declarations";
import { errorExpression, parseConditional, parseExpression } from "./parse-expressions";
import type { ParserState } from "./parser-state";

/** compound-statement: '{' block-item* '}'. Function bodies share the parameters' scope. */
export function parseCompoundStatement(p: ParserState, newScope = true): CompoundStmt {
  const open = p.token;
  p.expect("{");
  if (newScope) p.pushScope();
  const items: Stmt[] = [];
  while (!p.is("}") && !p.atEnd()) {
    const before = p.pos;
    items.push(parseBlockItem(p));
    if (p.pos === before) p.skipToStatementEnd();
    if (p.pos === before) p.advance();
  }
  if (newScope) p.popScope();
  p.expectClosing("}", open);
  return { kind: "compound", id: p.id(), span: p.spanFrom(open), items };
}

function parseBlockItem(p: ParserState): Stmt {
  if (p.keyword() === "_Static_assert") return parseStaticAssert(p);
  const isLabel = p.isIdentifier() && p.peek().text === ":" && p.peek().kind === "punct";
  if (!isLabel && isDeclarationStart(p)) return parseBlockDeclaration(p);
  if (isUnknownNameBeforeIdentifier(p)) {
    // clang 14 in a function body: "use of undeclared identifier", and the statement is dropped.
    p.error(`use of undeclared identifier '${p.token.text}'`);
    p.skipToStatementEnd();
    return { kind: "null", id: p.id(), span: p.spanOf(p.previous) };
  }
  return parseStatement(p);
}

/** `foo bar = …;` where nothing declares `foo`: a declaration with a misspelled type. */
function isUnknownNameBeforeIdentifier(p: ParserState): boolean {
  return p.isIdentifier() && !p.isKnownName(p.token.text) && p.isIdentifier(p.peek());
}

export function parseStatement(p: ParserState): Stmt {
  return p.nested(
    () => parseStatementStep(p),
    () => ({ kind: "null", id: p.id(), span: p.spanOf(p.token) }),
  );
}

function parseStatementStep(p: ParserState): Stmt {
  const first = p.token;
  const keyword = p.keyword();
  switch (keyword) {
    case "if":
      return parseIf(p);
    case "while": {
      p.advance();
      const test = parseParenthesisedCondition(p, "while");
      const body = parseStatement(p);
      return { kind: "while", id: p.id(), span: p.spanFrom(first), test, body };
    }
    case "do": {
      p.advance();
      const body = parseStatement(p);
      if (!p.is("while")) {
        p.errorAt(p.missingTokenSpan(), "expected 'while' in do/while loop");
        return {
          kind: "do-while",
          id: p.id(),
          span: p.spanFrom(first),
          body,
          test: errorExpression(p, first),
        };
      }
      p.advance();
      const test = parseParenthesisedCondition(p, "while");
      p.expectSemicolonOrSkip("expected ';' after do/while statement");
      return { kind: "do-while", id: p.id(), span: p.spanFrom(first), body, test };
    }
    case "for":
      return parseFor(p);
    case "switch": {
      p.advance();
      const test = parseParenthesisedCondition(p, "switch");
      const body = parseStatement(p);
      return { kind: "switch", id: p.id(), span: p.spanFrom(first), test, body };
    }
    case "case": {
      p.advance();
      const value = parseConditional(p);
      const rangeEnd = p.eat("...") ? parseConditional(p) : null;
      p.expect(":", "expected ':' after 'case'");
      const body = parseLabelledBody(p);
      return { kind: "case", id: p.id(), span: p.spanFrom(first), value, rangeEnd, body };
    }
    case "default": {
      p.advance();
      p.expect(":", "expected ':' after 'default'");
      const body = parseLabelledBody(p);
      return { kind: "default", id: p.id(), span: p.spanFrom(first), body };
    }
    case "break":
      p.advance();
      p.expectSemicolonOrSkip("expected ';' after break statement");
      return { kind: "break", id: p.id(), span: p.spanFrom(first) };
    case "continue":
      p.advance();
      p.expectSemicolonOrSkip("expected ';' after continue statement");
      return { kind: "continue", id: p.id(), span: p.spanFrom(first) };
    case "return": {
      p.advance();
      const value = p.is(";") ? null : parseExpression(p);
      p.expectSemicolonOrSkip("expected ';' after return statement");
      return { kind: "return", id: p.id(), span: p.spanFrom(first), value };
    }
    case "goto": {
      p.advance();
      const label = p.token;
      if (!p.isIdentifier()) p.error("expected identifier");
      else p.advance();
      p.expectSemicolonOrSkip("expected ';' after goto statement");
      return { kind: "goto", id: p.id(), span: p.spanFrom(first), label: label.text };
    }
    case "asm":
      return parseAsm(p);
    default:
      break;
  }
  if (p.is("{")) return parseCompoundStatement(p);
  if (p.is(";")) {
    p.advance();
    return { kind: "null", id: p.id(), span: p.spanFrom(first) };
  }
  if (p.isIdentifier() && p.peek().text === ":" && p.peek().kind === "punct") {
    const label = p.advance();
    p.advance();
    const body = parseLabelledBody(p);
    return { kind: "labeled", id: p.id(), span: p.spanFrom(first), label: label.text, body };
  }
  if (p.is("}")) {
    p.error("expected statement");
    return { kind: "null", id: p.id(), span: p.spanFrom(first) };
  }
  const errorsBefore = p.diagnostics.length;
  const expr = parseExpression(p);
  if (p.diagnostics.length > errorsBefore && p.pos > 0 && p.previous === first) {
    p.skipToStatementEnd();
    return { kind: "expr-stmt", id: p.id(), span: p.spanFrom(first), expr };
  }
  p.expectSemicolon("expected ';' after expression");
  return { kind: "expr-stmt", id: p.id(), span: p.spanFrom(first), expr };
}

/** A label at the end of a block has no statement; clang 14 requires one, newer clang allows it. */
function parseLabelledBody(p: ParserState): Stmt {
  if (p.is("}")) {
    p.error("label at end of compound statement: expected statement");
    return { kind: "null", id: p.id(), span: p.spanOf(p.token) };
  }
  if (isDeclarationStart(p)) return parseBlockDeclaration(p);
  return parseStatement(p);
}

function parseParenthesisedCondition(p: ParserState, keyword: string): Expr {
  const open = p.token;
  if (!p.is("(")) {
    p.error(`expected '(' after '${keyword}'`);
    return errorExpression(p, open);
  }
  p.advance();
  const test = parseExpression(p);
  p.expectClosing(")", open);
  return test;
}

function parseIf(p: ParserState): Stmt {
  const first = p.advance();
  const test = parseParenthesisedCondition(p, "if");
  const then = parseStatement(p);
  const otherwise = p.eat("else") ? parseStatement(p) : null;
  return { kind: "if", id: p.id(), span: p.spanFrom(first), test, then, otherwise };
}

function parseFor(p: ParserState): Stmt {
  const first = p.advance();
  const open = p.token;
  if (!p.expect("(", "expected '(' after 'for'")) {
    return { kind: "null", id: p.id(), span: p.spanFrom(first) };
  }
  p.pushScope();
  let init: Declaration | Expr | null = null;
  if (isDeclarationStart(p)) init = parseBlockDeclaration(p);
  else {
    if (!p.is(";")) init = parseExpression(p);
    p.expectSemicolon("expected ';' in 'for' statement specifier");
  }
  const test = p.is(";") ? null : parseExpression(p);
  p.expectSemicolon("expected ';' in 'for' statement specifier");
  const step = p.is(")") ? null : parseExpression(p);
  p.expectClosing(")", open);
  const body = parseStatement(p);
  p.popScope();
  return { kind: "for", id: p.id(), span: p.spanFrom(first), init, test, step, body };
}

/** GNU inline assembly: kept as text; Tailscope does not run it. */
function parseAsm(p: ParserState): Stmt {
  const first = p.advance();
  while (p.keyword() === "volatile" || p.keyword() === "inline" || p.keyword() === "goto") p.advance();
  const open = p.token;
  if (!p.expect("(", "expected '(' after 'asm'"))
    return { kind: "null", id: p.id(), span: p.spanFrom(first) };
  const template = p.token.kind === "string" ? p.token.text.slice(1, -1) : "";
  let depth = 0;
  while (!p.atEnd() && !(depth === 0 && p.is(")"))) {
    if (p.is("(")) depth++;
    else if (p.is(")")) depth--;
    p.advance();
  }
  p.expectClosing(")", open);
  p.expectSemicolon("expected ';' after asm statement");
  return { kind: "asm", id: p.id(), span: p.spanFrom(first), template };
}
