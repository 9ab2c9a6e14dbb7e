import type { CompoundLiteral, Expr, InitItem, InitList } from "../syntax/ast";
import type { CheckContext } from "./check-context";
import { integerConstant } from "./constant";
import { checkConversion } from "./conversions";
import {
  type ArrayType,
  arrayOf,
  type CType,
  type Field,
  isScalar,
  type RecordType,
  sizeOf,
  unqualified,
} from "./ctypes";
import { quoteType } from "./format";
import type { InitEntry } from "./symbols";
import { typeOfTypeName } from "./type-builder";

/** Walks the items of one braced list; designators are consumed one at a time. */
class InitCursor {
  index = 0;
  designatorsUsed = 0;

  constructor(readonly items: readonly InitItem[]) {}

  get current(): InitItem | undefined {
    return this.items[this.index];
  }

  /** The next unconsumed designator of the current item, if any. */
  get designator() {
    return this.current?.designators[this.designatorsUsed];
  }

  consumeDesignator(): void {
    this.designatorsUsed++;
  }

  next(): void {
    this.index++;
    this.designatorsUsed = 0;
  }
}

interface Target {
  readonly offset: number;
  readonly field?: Field;
  readonly fieldOffsetInParent?: number;
}

/**
 * Checks an initializer against the type it initialises and flattens it to entries
 * (offset, type, value), as C11 6.7.9 prescribes: designators, brace elision, strings for char
 * arrays. Returns the type, with the length of an `[]` array filled in from the initializer.
 */
export function checkInitializer(c: CheckContext, type: CType, init: Expr, entries: InitEntry[]): CType {
  if (init.kind === "init-list") {
    if (type.kind === "array" && type.length === null) {
      const length = fillBraced(c, type, 0, init, entries);
      return arrayOf(type.of, length);
    }
    if (isScalar(type)) {
      const first = init.items[0];
      if (!first) {
        c.error(init.span, "scalar initializer cannot be empty");
        return type;
      }
      if (init.items.length > 1) c.warning(init.items[1].value.span, "excess elements in scalar initializer");
      return checkInitializer(c, type, first.value, entries);
    }
    fillBraced(c, type, 0, init, entries);
    return type;
  }
  if (type.kind === "array" && init.kind === "string" && isCharArray(type)) {
    c.expression(init);
    const length = type.length ?? init.bytes.length + 1;
    if (type.length !== null && init.bytes.length > type.length) {
      c.warning(init.span, "initializer-string for char array is too long");
    }
    entries.push({ offset: 0, type: arrayOf(type.of, length), value: init });
    return arrayOf(type.of, length);
  }
  if (type.kind === "array") {
    c.expression(init);
    c.error(init.span, "array initializer must be an initializer list");
    return type;
  }
  const valueType = c.rvalue(init);
  checkConversion(c, init, valueType, type, { kind: "initializing" }, init.span);
  entries.push({ offset: 0, type, value: init });
  return type;
}

function isCharArray(type: ArrayType): boolean {
  return type.of.kind === "int" && type.of.size === 1;
}

/** A `{ … }` for an aggregate; returns how many array elements it set (for `[]` arrays). */
function fillBraced(
  c: CheckContext,
  type: CType,
  offset: number,
  list: InitList,
  entries: InitEntry[],
): number {
  const cursor = new InitCursor(list.items);
  const count = fillAggregate(c, type, offset, cursor, entries, true);
  if (cursor.current) {
    const what = type.kind === "array" ? "array" : type.kind === "record" ? type.record.tagKind : "scalar";
    c.warning(cursor.current.value.span, `excess elements in ${what} initializer`);
  }
  return count;
}

function fillAggregate(
  c: CheckContext,
  type: CType,
  offset: number,
  cursor: InitCursor,
  entries: InitEntry[],
  braced: boolean,
): number {
  if (type.kind === "record") {
    fillRecord(c, type, offset, cursor, entries, braced);
    return 0;
  }
  if (type.kind === "array") return fillArray(c, type, offset, cursor, entries, braced);
  const designator = cursor.designator;
  if (designator) {
    // A designator left over for a scalar (`[1][2] = …` on an int array): clang's error, and the item is dropped.
    c.error(
      designator.span,
      "index" in designator
        ? `array designator cannot initialize non-array type ${quoteType(type)}`
        : `field designator cannot initialize a non-struct, non-union type ${quoteType(type)}`,
    );
    cursor.next();
    return 0;
  }
  initElement(c, type, { offset }, cursor, entries);
  return 0;
}

function fillRecord(
  c: CheckContext,
  type: RecordType,
  offset: number,
  cursor: InitCursor,
  entries: InitEntry[],
  braced: boolean,
): void {
  const fields = type.record.fields.filter((f) => f.name !== null || f.type.kind === "record");
  let position = 0;
  while (cursor.current) {
    const designator = cursor.designator;
    if (designator) {
      if (!braced && cursor.designatorsUsed === 0) return;
      if (!("member" in designator)) {
        c.error(designator.span, `array designator cannot initialize non-array type ${quoteType(type)}`);
        cursor.next();
        continue;
      }
      const index = fields.findIndex((f) => f.name === designator.member);
      if (index < 0) {
        c.error(
          designator.span,
          `field designator '${designator.member}' does not refer to any field in type ${quoteType(unqualified(type))}`,
        );
        cursor.next();
        continue;
      }
      cursor.consumeDesignator();
      position = index;
    } else if (position >= fields.length || (type.record.tagKind === "union" && position > 0)) return;
    const field = fields[position];
    initElement(c, field.type, { offset: offset + field.offset, field }, cursor, entries);
    position++;
  }
}

function fillArray(
  c: CheckContext,
  type: ArrayType,
  offset: number,
  cursor: InitCursor,
  entries: InitEntry[],
  braced: boolean,
): number {
  const elementSize = sizeOf(type.of);
  let position = 0;
  let count = 0;
  while (cursor.current) {
    const designator = cursor.designator;
    if (designator) {
      if (!braced && cursor.designatorsUsed === 0) break;
      if (!("index" in designator)) {
        c.error(
          designator.span,
          `field designator cannot initialize a non-struct, non-union type ${quoteType(type)}`,
        );
        cursor.next();
        continue;
      }
      const index = integerConstant(c, designator.index);
      if (index === null) {
        c.error(designator.index.span, "expression is not an integer constant expression");
        cursor.next();
        continue;
      }
      if (type.length !== null && index >= BigInt(type.length)) {
        c.error(
          designator.index.span,
          `array designator index (${index}) exceeds array bounds (${type.length})`,
        );
        cursor.next();
        continue;
      }
      cursor.consumeDesignator();
      position = Number(index);
    } else if (type.length !== null && position >= type.length) break;
    initElement(c, type.of, { offset: offset + position * elementSize }, cursor, entries);
    position++;
    count = Math.max(count, position);
  }
  return count;
}

/** Initialises one sub-object from the cursor: a nested list, a whole value, or by brace elision. */
function initElement(
  c: CheckContext,
  type: CType,
  target: Target,
  cursor: InitCursor,
  entries: InitEntry[],
): void {
  const item = cursor.current;
  if (!item) return;
  if (cursor.designator) {
    fillAggregate(c, type, target.offset, cursor, entries, true);
    return;
  }
  const value = item.value;
  const isAggregate = type.kind === "record" || type.kind === "array";
  if (value.kind === "init-list") {
    cursor.next();
    const nested: InitEntry[] = [];
    checkInitializer(c, type, value, nested);
    for (const e of nested) entries.push({ ...e, offset: e.offset + target.offset });
    return;
  }
  if (isAggregate) {
    const wholeValue =
      (type.kind === "array" && value.kind === "string" && isCharArray(type)) ||
      (type.kind === "record" && sameRecordValue(c, value, type));
    if (!wholeValue) {
      fillAggregate(c, type, target.offset, cursor, entries, false);
      return;
    }
  }
  cursor.next();
  const nested: InitEntry[] = [];
  checkInitializer(c, type, value, nested);
  for (const e of nested) {
    const bits =
      target.field?.bitWidth !== undefined
        ? { bitOffset: target.field.bitOffset, bitWidth: target.field.bitWidth }
        : {};
    entries.push({ ...e, offset: e.offset + target.offset, ...bits });
  }
}

function sameRecordValue(c: CheckContext, value: Expr, type: RecordType): boolean {
  const valueType = c.program.exprTypes[value.id] ?? c.expression(value);
  return valueType.kind === "record" && valueType.record === type.record;
}

/** `(struct x){ … }`: an unnamed object of that type. */
export function checkCompoundLiteral(c: CheckContext, expr: CompoundLiteral): CType {
  const type = typeOfTypeName(c, expr.typeName);
  const entries: InitEntry[] = [];
  const complete = checkInitializer(c, type, expr.init, entries);
  c.program.initializers.set(expr, entries);
  return complete;
}
