import { binaryPrecedence } from "../syntax/precedence";
import { isIntegerOperator, operate } from "../target/integers";
import { charValue } from "./literals";
import type { Token } from "./token";

/** The value of a `#if` expression, or an error message with the token it is about. */
export type IfResult = { ok: true; value: bigint } | { ok: false; message: string; token: Token };

interface Value {
  v: bigint;
  unsigned: boolean;
}

class IfError extends Error {
  constructor(
    message: string,
    readonly token: Token,
  ) {
    super(message);
  }
}

function wrap(v: bigint, unsigned: boolean): Value {
  return { v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), unsigned };
}

/**
 * Evaluates a fully macro-expanded `#if` line (where `defined` is already resolved and other
 * identifiers replaced by 0) in intmax_t/uintmax_t arithmetic, as C requires.
 */
export function evaluateIfExpression(tokens: readonly Token[], directive: Token): IfResult {
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (message: string, token: Token | undefined): never => {
    throw new IfError(message, token ?? tokens[tokens.length - 1] ?? directive);
  };

  let depth = 0;
  function primary(): Value {
    if (++depth > 256) fail("bracket nesting level exceeded maximum of 256", peek());
    try {
      return primaryAtDepth();
    } finally {
      depth--;
    }
  }

  function primaryAtDepth(): Value {
    const t = peek();
    if (!t) return fail("expected value in expression", directive);
    pos++;
    if (t.kind === "number") return parseIntegerLiteral(t) ?? fail("invalid integer constant in #if", t);
    if (t.kind === "char") return { v: BigInt(charValue(t.text)), unsigned: false };
    if (t.kind === "ident") return { v: 0n, unsigned: false };
    if (t.text === "(") {
      const inner = conditional();
      if (peek()?.text !== ")") fail("expected ')' in preprocessor expression", peek());
      pos++;
      return inner;
    }
    if (t.text === "-") {
      const x = primary();
      return wrap(-x.v, x.unsigned);
    }
    if (t.text === "+") return primary();
    if (t.text === "~") {
      const x = primary();
      return wrap(~x.v, x.unsigned);
    }
    if (t.text === "!") return { v: primary().v === 0n ? 1n : 0n, unsigned: false };
    return fail(`invalid token at start of a preprocessor expression`, t);
  }

  function binary(minPrecedence: number): Value {
    let left = primary();
    for (;;) {
      const op = peek();
      const precedence = op && op.kind === "punct" ? binaryPrecedence[op.text] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      pos++;
      const right = binary(precedence + 1);
      left = apply(op, left, right);
    }
  }

  function apply(op: Token, a: Value, b: Value): Value {
    const unsigned = a.unsigned || b.unsigned;
    const x = unsigned ? BigInt.asUintN(64, a.v) : a.v;
    const y = unsigned ? BigInt.asUintN(64, b.v) : b.v;
    const bool = (c: boolean): Value => ({ v: c ? 1n : 0n, unsigned: false });
    switch (op.text) {
      case "||":
        return bool(x !== 0n || y !== 0n);
      case "&&":
        return bool(x !== 0n && y !== 0n);
      case "==":
        return bool(x === y);
      case "!=":
        return bool(x !== y);
      case "<":
        return bool(x < y);
      case ">":
        return bool(x > y);
      case "<=":
        return bool(x <= y);
      case ">=":
        return bool(x >= y);
    }
    if (!isIntegerOperator(op.text)) return fail(`invalid operator '${op.text}'`, op);
    // intmax_t or uintmax_t: 64 bits on the BPF target.
    const result = operate(op.text, x, y, { bits: 64, signed: !unsigned });
    if (result === null) return fail("division by zero in preprocessor expression", op);
    return { v: result, unsigned };
  }

  function conditional(): Value {
    const test = binary(1);
    if (peek()?.text !== "?") return test;
    pos++;
    const then = conditional();
    if (peek()?.text !== ":") fail("expected ':' in preprocessor expression", peek());
    pos++;
    const otherwise = conditional();
    return test.v !== 0n ? then : otherwise;
  }

  try {
    if (tokens.length === 0) fail("#if with no expression", directive);
    const result = conditional();
    if (pos < tokens.length)
      fail("token is not a valid binary operator in a preprocessor subexpression", peek());
    return { ok: true, value: result.v };
  } catch (error) {
    if (error instanceof IfError) return { ok: false, message: error.message, token: error.token };
    throw error;
  }
}

/** Value and signedness of an integer literal's text (decimal, octal, hex or binary, with u/l suffixes). */
export function parseIntegerLiteral(token: Token): Value | null {
  const match = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$/.exec(token.text);
  if (!match) return null;
  const [, digits, suffix] = match;
  const text = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits;
  return { v: BigInt.asUintN(64, BigInt(text)), unsigned: /u/i.test(suffix) };
}
