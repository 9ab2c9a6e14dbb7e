import type { Span } from "../source/source-file";
import type { Expr } from "../syntax/ast";
import type { CheckContext } from "./check-context";
import { evaluateConstant, wrapToType } from "./constant";
import { type CType, integerOf, isArithmetic, isInteger, sameType, unqualified } from "./ctypes";
import { quoteType } from "./format";

/** Where a value is converted to a type, which fixes clang's wording of the warning. */
export type ConversionContext =
  | { readonly kind: "assigning" }
  | { readonly kind: "initializing" }
  | { readonly kind: "returning" }
  | { readonly kind: "passing"; readonly argument: number };

function phrase(context: ConversionContext, target: CType, source: CType): string {
  const t = quoteType(target);
  const s = quoteType(source);
  switch (context.kind) {
    case "assigning":
      return `assigning to ${t} from ${s}`;
    case "initializing":
      return `initializing ${t} with an expression of type ${s}`;
    case "returning":
      return `returning ${s} from a function with result type ${t}`;
    case "passing":
      return `passing ${s} to parameter of type ${t}`;
  }
}

/** The type an rvalue of this type has after array-to-pointer and function-to-pointer decay. */
export function decay(type: CType): CType {
  if (type.kind === "array") return { kind: "pointer", to: type.of };
  if (type.kind === "function") return { kind: "pointer", to: type };
  return type;
}

function isNullPointerConstant(c: CheckContext, expr: Expr, type: CType): boolean {
  if (!isInteger(type) && !(type.kind === "pointer" && type.to.kind === "void")) return false;
  const value = evaluateConstant(c.program, expr);
  return value?.kind === "int" && value.value === 0n;
}

/**
 * Checks that `value` (of type `source`) may be converted to `target` by assignment, as C's
 * simple assignment rules and clang's default warnings have it. Returns false on an error.
 */
export function checkConversion(
  c: CheckContext,
  value: Expr,
  source: CType,
  target: CType,
  context: ConversionContext,
  span: Span,
): boolean {
  const from = decay(source);
  const to = unqualified(target);
  if (to.kind === "void") return true;
  if (isArithmetic(to) && isArithmetic(from)) {
    warnConstantChange(c, value, source, target);
    return true;
  }
  if (to.kind === "int" && to.rank === 0 && from.kind === "pointer") return true;
  if (to.kind === "pointer") {
    if (from.kind === "pointer") return checkPointerConversion(c, from, to, context, span);
    if (isInteger(from)) {
      if (!isNullPointerConstant(c, value, from)) {
        c.warning(span, `incompatible integer to pointer conversion ${phrase(context, target, source)}`);
      }
      return true;
    }
  }
  if (isInteger(to) && from.kind === "pointer") {
    c.warning(span, `incompatible pointer to integer conversion ${phrase(context, target, source)}`);
    return true;
  }
  if (to.kind === "record" && from.kind === "record" && to.record === from.record) return true;
  if (to.kind === "enum" && isInteger(from)) return true;
  c.error(span, `${incompatibleTypePhrase(context, target, source)}`);
  return false;
}

function incompatibleTypePhrase(context: ConversionContext, target: CType, source: CType): string {
  const t = quoteType(target);
  const s = quoteType(source);
  switch (context.kind) {
    case "assigning":
      return `assigning to ${t} from incompatible type ${s}`;
    case "initializing":
      return `initializing ${t} with an expression of incompatible type ${s}`;
    case "returning":
      return `returning ${s} from a function with incompatible result type ${t}`;
    case "passing":
      return `passing ${s} to parameter of incompatible type ${t}`;
  }
}

function checkPointerConversion(
  c: CheckContext,
  from: Extract<CType, { kind: "pointer" }>,
  to: Extract<CType, { kind: "pointer" }>,
  context: ConversionContext,
  span: Span,
): boolean {
  const fromPointee = from.to;
  const toPointee = to.to;
  const dropsQualifiers =
    (fromPointee.const && !toPointee.const) || (fromPointee.volatile && !toPointee.volatile);
  const anyVoid = fromPointee.kind === "void" || toPointee.kind === "void";
  if (!anyVoid && !sameType(unqualified(fromPointee), unqualified(toPointee))) {
    const signOnly =
      isInteger(fromPointee) &&
      isInteger(toPointee) &&
      integerOf(fromPointee).size === integerOf(toPointee).size &&
      integerOf(fromPointee).signed !== integerOf(toPointee).signed;
    if (signOnly)
      c.warning(
        span,
        `${phrase(context, to, from)} converts between pointers to integer types with different sign`,
      );
    else c.warning(span, `incompatible pointer types ${phrase(context, to, from)}`);
    return true;
  }
  if (dropsQualifiers) c.warning(span, `${phrase(context, to, from)} discards qualifiers`);
  return true;
}

/** `u8 x = 300;` → "implicit conversion from 'int' to 'u8' (aka 'unsigned char') changes value from 300 to 44". */
function warnConstantChange(c: CheckContext, value: Expr, from: CType, to: CType): void {
  if (!isInteger(to) || !isInteger(from) || integerOf(to).rank === 0) return;
  // Messages name the types as written (`'u8' (aka 'unsigned char')`), qualifiers aside.
  const constant = evaluateConstant(c.program, value);
  if (constant?.kind !== "int") return;
  const converted = wrapToType(constant.value, to);
  if (converted === constant.value) return;
  // Clang does not warn when only the sign interpretation changes for a same-width constant, e.g. `unsigned x = -1`.
  const sameWidth = integerOf(to).size >= integerOf(from).size;
  if (sameWidth) return;
  c.warning(
    value.span,
    `implicit conversion from ${quoteType(withoutQualifiers(from))} to ${quoteType(withoutQualifiers(to))} changes value from ${constant.value} to ${converted}`,
  );
}

/** Drops const/volatile but keeps the typedef name, as clang's conversion messages do. */
function withoutQualifiers(type: CType): CType {
  if (!type.const && !type.volatile) return type;
  return { ...type, const: undefined, volatile: undefined };
}
