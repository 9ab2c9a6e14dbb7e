/**
 * C's integer arithmetic on the BPF target, on bigints: the one definition the preprocessor's
 * `#if`, the front end's constant folding and the runtime's 64-bit operations share. (The
 * runtime computes types of up to 32 bits on JavaScript numbers instead, for speed; a property
 * test checks it against these.)
 */

export type IntegerOperator = "+" | "-" | "*" | "/" | "%" | "<<" | ">>" | "&" | "|" | "^";

/** An integer type as arithmetic sees it: its width in bits and its signedness. */
export interface IntegerKind {
  readonly bits: number;
  readonly signed: boolean;
}

/** `value` as an integer of `kind` holds it: wrapped around at its width. */
export function wrapInteger(value: bigint, kind: IntegerKind): bigint {
  return kind.signed ? BigInt.asIntN(kind.bits, value) : BigInt.asUintN(kind.bits, value);
}

/**
 * `a op b` in `kind`, wrapped at its width. Both operands are read as `kind` first (the usual
 * arithmetic conversions already made them that type). Shift counts are masked to the width, as
 * the BPF shift instructions mask them; `>>` is arithmetic for signed types. Division and modulo
 * by zero give null: what they mean depends on who asks (clang refuses them in a constant, the
 * preprocessor in `#if`, and the BPF machine gives 0 and the dividend: see `divideByZero`).
 */
export function operate(op: IntegerOperator, a: bigint, b: bigint, kind: IntegerKind): bigint | null {
  const x = wrapInteger(a, kind);
  const y = wrapInteger(b, kind);
  switch (op) {
    case "+":
      return wrapInteger(x + y, kind);
    case "-":
      return wrapInteger(x - y, kind);
    case "*":
      return wrapInteger(x * y, kind);
    case "/":
      return y === 0n ? null : wrapInteger(x / y, kind);
    case "%":
      return y === 0n ? null : wrapInteger(x % y, kind);
    case "<<":
      return wrapInteger(x << (BigInt.asUintN(64, y) % BigInt(kind.bits)), kind);
    case ">>":
      return wrapInteger(x >> (BigInt.asUintN(64, y) % BigInt(kind.bits)), kind);
    case "&":
      return wrapInteger(x & y, kind);
    case "|":
      return wrapInteger(x | y, kind);
    case "^":
      return wrapInteger(x ^ y, kind);
  }
}

/**
 * What the BPF machine gives for a division or modulo by zero (kernel/bpf/core.c, and the
 * verifier's rewrite of BPF_DIV/BPF_MOD): 0 for `/`, the dividend for `%`.
 */
export function divideByZero(op: "/" | "%", dividend: bigint, kind: IntegerKind): bigint {
  return op === "/" ? 0n : wrapInteger(dividend, kind);
}

export function isIntegerOperator(op: string): op is IntegerOperator {
  return ["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"].includes(op);
}
