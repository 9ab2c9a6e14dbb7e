// Member access (`.`/`->`), indexing and offsetof: the field or element a designator names,
// with clang's errors for a bad member and warnings for a constant index out of bounds.

import type { Expr, MemberExpr, OffsetofExpr } from "../syntax/ast";
import type { CheckContext } from "./check-context";
import { integerConstant } from "./constant";
import { decay } from "./conversions";
import { type CType, intType, isComplete, isInteger, sizeOf, sizeType, unqualified } from "./ctypes";
import { quoteType } from "./format";
import { findField } from "./layout";
import { typeOfTypeName } from "./type-builder";

const errorType: CType = intType;

/** Checks an expression, records its type by node id and returns it (before decay). */

export function memberType(c: CheckContext, expr: MemberExpr): CType {
  const objectType = c.expression(expr.object);
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

export function indexType(c: CheckContext, expr: Extract<Expr, { kind: "index" }>): CType {
  const base = c.rvalue(expr.array);
  const index = c.rvalue(expr.index);
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

/**
 * "array index 5 is past the end of the array (which contains 4 elements)" (-Warray-bounds). A
 * GNU zero-length array (`__u64 args[0]`, a flexible member in all but name) is not checked.
 */
function warnConstantIndexOutOfBounds(c: CheckContext, expr: Extract<Expr, { kind: "index" }>): void {
  const arrayType = c.program.exprTypes[expr.array.id];
  if (arrayType?.kind !== "array" || arrayType.length === null || arrayType.length === 0) return;
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

export function offsetofType(c: CheckContext, expr: OffsetofExpr): CType {
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
      c.rvalue(step.index);
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
