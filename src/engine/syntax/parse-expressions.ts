import { charValue, decodeStringBody } from "../preprocess/literals";
import type { Token } from "../preprocess/token";
import type {
  AssignOperator,
  BinaryOperator,
  Designator,
  Expr,
  InitItem,
  InitList,
  IntegerLiteral,
  StringLiteral,
  TypeName,
  UnaryOperator,
} from "./ast";
import type { ParserState } from "./parser-state";
import { binaryPrecedence } from "./precedence";

const assignmentOperators = new Set(["=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|="]);

/** expression: assignment-expression (',' assignment-expression)* */
export function parseExpression(p: ParserState): Expr {
  const first = p.token;
  let expr = parseAssignment(p);
  while (p.is(",")) {
    p.advance();
    const right = parseAssignment(p);
    expr = { kind: "comma", id: p.id(), span: p.spanFrom(first), left: expr, right };
  }
  return expr;
}

export function parseAssignment(p: ParserState): Expr {
  const first = p.token;
  const target = parseConditional(p);
  const op = p.token;
  if (op.kind === "punct" && assignmentOperators.has(op.text)) {
    p.advance();
    const value = parseAssignment(p);
    return {
      kind: "assign",
      id: p.id(),
      span: p.spanFrom(first),
      op: op.text as AssignOperator,
      target,
      value,
    };
  }
  return target;
}

export function parseConditional(p: ParserState): Expr {
  const first = p.token;
  const test = parseBinary(p, 1);
  if (!p.is("?")) return test;
  const question = p.advance();
  const then = p.is(":") ? null : parseExpression(p);
  if (!p.is(":")) {
    p.errorAt(p.missingTokenSpan(), "expected ':'", [p.noteAt(question, "to match this '?'")]);
    return test;
  }
  p.advance();
  const otherwise = parseConditional(p);
  return { kind: "conditional", id: p.id(), span: p.spanFrom(first), test, then, otherwise };
}

/** Operands in one chain like `a + b + … + z`; the tree is that deep, and later stages recurse over it. */
const MAX_CHAIN = 1024;

function parseBinary(p: ParserState, minPrecedence: number): Expr {
  const first = p.token;
  let left = parseCast(p);
  for (let operands = 1; ; operands++) {
    if (operands > MAX_CHAIN) {
      p.error(`expression is too complex for Tailscope: more than ${MAX_CHAIN} operands in a row`);
      p.tooDeep = true;
      return left;
    }
    const op = p.token;
    const precedence = op.kind === "punct" ? binaryPrecedence[op.text] : undefined;
    if (precedence === undefined || precedence < minPrecedence) return left;
    p.advance();
    const right = parseBinary(p, precedence + 1);
    left = {
      kind: "binary",
      id: p.id(),
      span: p.spanFrom(first),
      op: op.text as BinaryOperator,
      left,
      right,
      opSpan: p.spanOf(op),
    };
  }
}

export function parseCast(p: ParserState): Expr {
  return p.nested(
    () => parseCastStep(p),
    () => errorExpression(p, p.token),
  );
}

function parseCastStep(p: ParserState): Expr {
  if (p.is("(") && p.isTypeNameStart(p.peek())) {
    const open = p.advance();
    const typeName = p.typeName();
    p.expectClosing(")", open);
    if (p.is("{")) return parsePostfixOperators(p, parseCompoundLiteral(p, open, typeName), open);
    const operand = parseCast(p);
    return { kind: "cast", id: p.id(), span: p.spanFrom(open), typeName, operand };
  }
  return parseUnary(p);
}

function parseCompoundLiteral(p: ParserState, open: Token, typeName: TypeName): Expr {
  const init = parseInitList(p);
  return { kind: "compound-literal", id: p.id(), span: p.spanFrom(open), typeName, init };
}

function parseUnary(p: ParserState): Expr {
  const first = p.token;
  const keyword = p.keyword();
  if (first.kind === "punct" && ["++", "--", "&", "*", "+", "-", "~", "!"].includes(first.text)) {
    p.advance();
    const operand = first.text === "++" || first.text === "--" ? parseUnary(p) : parseCast(p);
    return { kind: "unary", id: p.id(), span: p.spanFrom(first), op: first.text as UnaryOperator, operand };
  }
  if (keyword === "sizeof" || keyword === "_Alignof") {
    p.advance();
    const kind = keyword === "sizeof" ? "sizeof" : "alignof";
    if (p.is("(") && p.isTypeNameStart(p.peek())) {
      const open = p.advance();
      const typeName = p.typeName();
      p.expectClosing(")", open);
      if (p.is("{")) {
        const literal = parsePostfixOperators(p, parseCompoundLiteral(p, open, typeName), open);
        return { kind, id: p.id(), span: p.spanFrom(first), operand: literal };
      }
      return { kind, id: p.id(), span: p.spanFrom(first), operand: typeName };
    }
    const operand = parseUnary(p);
    return { kind, id: p.id(), span: p.spanFrom(first), operand };
  }
  if (keyword === "__extension__") {
    p.advance();
    return parseCast(p);
  }
  if (keyword === "__builtin_offsetof") return parseOffsetof(p);
  return parsePostfixOperators(p, parsePrimary(p), first);
}

function parseOffsetof(p: ParserState): Expr {
  const first = p.advance();
  const open = p.token;
  p.expect("(");
  const typeName = p.typeName();
  p.expect(",");
  const path: ({ member: string; span: ReturnType<ParserState["spanOf"]> } | { index: Expr })[] = [];
  for (let step = 0; ; step++) {
    if (step > 0 && p.eat("[")) {
      path.push({ index: parseExpression(p) });
      p.expect("]");
    } else {
      if (step > 0 && !p.eat(".")) break;
      if (!p.isIdentifier()) {
        p.error("expected identifier");
        break;
      }
      const name = p.advance();
      path.push({ member: name.text, span: p.spanOf(name) });
    }
    if (!p.is(".") && !p.is("[")) break;
  }
  p.expectClosing(")", open);
  return { kind: "offsetof", id: p.id(), span: p.spanFrom(first), typeName, path };
}

function parsePostfixOperators(p: ParserState, start: Expr, first: Token): Expr {
  let expr = start;
  for (;;) {
    if (p.is("[")) {
      const open = p.advance();
      const index = parseExpression(p);
      p.expectClosing("]", open);
      expr = { kind: "index", id: p.id(), span: p.spanFrom(first), array: expr, index };
    } else if (p.is("(")) {
      const open = p.advance();
      const args: Expr[] = [];
      if (!p.is(")")) {
        do args.push(parseAssignment(p));
        while (p.eat(","));
      }
      p.expectClosing(")", open);
      expr = { kind: "call", id: p.id(), span: p.spanFrom(first), callee: expr, args };
    } else if (p.is(".") || p.is("->")) {
      const arrow = p.advance().text === "->";
      if (!p.isIdentifier()) {
        p.error("expected identifier");
        return expr;
      }
      const name = p.advance();
      expr = {
        kind: "member",
        id: p.id(),
        span: p.spanFrom(first),
        object: expr,
        member: name.text,
        memberSpan: p.spanOf(name),
        arrow,
      };
    } else if (p.is("++") || p.is("--")) {
      const op = p.advance().text as "++" | "--";
      expr = { kind: "postfix", id: p.id(), span: p.spanFrom(first), op, operand: expr };
    } else return expr;
  }
}

function parsePrimary(p: ParserState): Expr {
  const t = p.token;
  if (t.kind === "ident" && p.isIdentifier(t)) {
    p.advance();
    return { kind: "ident", id: p.id(), span: p.spanOf(t), name: t.text };
  }
  if (t.kind === "number") {
    p.advance();
    return parseNumber(p, t);
  }
  if (t.kind === "char") {
    p.advance();
    return { kind: "char", id: p.id(), span: p.spanOf(t), value: charValue(t.text) };
  }
  if (t.kind === "string") return parseStringLiterals(p);
  if (p.is("(")) {
    const open = p.advance();
    if (p.is("{")) {
      const body = p.compoundStatement();
      p.expectClosing(")", open);
      return { kind: "statement-expr", id: p.id(), span: p.spanFrom(open), body };
    }
    const inner = parseExpression(p);
    p.expectClosing(")", open);
    return inner;
  }
  p.error("expected expression");
  return errorExpression(p, t);
}

/** A stand-in for a missing expression, so the tree stays complete after an error. */
export function errorExpression(p: ParserState, at: Token): IntegerLiteral {
  return {
    kind: "int",
    id: p.id(),
    span: p.spanOf(at),
    value: 0n,
    unsignedSuffix: false,
    longSuffix: 0,
    decimal: true,
  };
}

function parseNumber(p: ParserState, t: Token): Expr {
  const span = p.spanOf(t);
  const text = t.text;
  const isHex = /^0[xX]/.test(text);
  if ((!isHex && /[.eE]/.test(text)) || (isHex && /[.pP]/.test(text))) {
    return { kind: "float", id: p.id(), span, text };
  }
  const match = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-9]*|[1-9][0-9]*)(.*)$/.exec(text);
  if (!match) {
    p.error(
      `invalid digit '${text[2] ?? text[1] ?? text[0]}' in ${isHex ? "hexadecimal" : "binary"} constant`,
      t,
    );
    return errorExpression(p, t);
  }
  const [, digits, suffix] = match;
  if (/^0[0-9]+$/.test(digits) && /[89]/.test(digits)) {
    p.error(`invalid digit '${/[89]/.exec(digits)?.[0]}' in octal constant`, t);
    return errorExpression(p, t);
  }
  const suffixMatch = /^(?:([uU])(l|L|ll|LL)?|(l|L|ll|LL)([uU])?)?$/.exec(suffix);
  if (!suffixMatch) {
    p.error(`invalid suffix '${suffix}' on integer constant`, t);
    return errorExpression(p, t);
  }
  const longPart = suffixMatch[2] ?? suffixMatch[3] ?? "";
  const normalized = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits;
  return {
    kind: "int",
    id: p.id(),
    span,
    value: BigInt(normalized),
    unsignedSuffix: Boolean(suffixMatch[1] ?? suffixMatch[4]),
    longSuffix: longPart.length === 2 ? 2 : longPart.length === 1 ? 1 : 0,
    decimal: !/^0/.test(digits) || digits === "0",
  };
}

/** Adjacent string literals concatenate ("a" "b" is "ab"). */
function parseStringLiterals(p: ParserState): StringLiteral {
  const first = p.token;
  const bytes: number[] = [];
  while (p.token.kind === "string") {
    const t = p.advance();
    const body = t.text.slice(t.text.indexOf('"') + 1, -1);
    // A loop, not push(...): a literal can be longer than a spread may be.
    for (const byte of decodeStringBody(body)) bytes.push(byte);
  }
  return { kind: "string", id: p.id(), span: p.spanFrom(first), bytes: Uint8Array.from(bytes) };
}

/** initializer-list: '{' (designation? initializer ','?)* '}' */
export function parseInitList(p: ParserState): InitList {
  const open = p.advance();
  const items: InitItem[] = [];
  while (!p.is("}") && !p.atEnd()) {
    const designators: Designator[] = [];
    for (;;) {
      if (p.is(".")) {
        p.advance();
        if (!p.isIdentifier()) {
          p.error("expected a field designator, such as '.field = 4'");
          break;
        }
        const name = p.advance();
        designators.push({ member: name.text, span: p.spanOf(name) });
      } else if (p.is("[")) {
        const bracket = p.advance();
        const index = parseConditional(p);
        p.expectClosing("]", bracket);
        designators.push({ index, span: p.spanFrom(bracket) });
      } else break;
    }
    if (designators.length > 0) p.expect("=", "expected '=' or another designator");
    const value = parseInitializer(p);
    items.push({ designators, value });
    if (!p.eat(",")) break;
  }
  p.expectClosing("}", open);
  return { kind: "init-list", id: p.id(), span: p.spanFrom(open), items };
}

export function parseInitializer(p: ParserState): Expr {
  if (!p.is("{")) return parseAssignment(p);
  return p.nested<Expr>(
    () => parseInitList(p),
    () => errorExpression(p, p.token),
  );
}
