import type { Span } from "../source/source-file";
import type {
  Attribute,
  Declarator,
  DeclSpecifiers,
  EnumSpecifier,
  Expr,
  RecordSpecifier,
  TypeName,
} from "../syntax/ast";
import type { CheckContext } from "./check-context";
import { integerConstant } from "./constant";
import {
  arrayOf,
  boolType,
  type CType,
  charType,
  doubleType,
  type EnumType,
  type FunctionType,
  floatType,
  int128Type,
  intType,
  isComplete,
  isInteger,
  longLongType,
  longType,
  pointerTo,
  type RecordType,
  shortType,
  signedCharType,
  sizeOf,
  unsignedCharType,
  unsignedInt128Type,
  unsignedIntType,
  unsignedLongLongType,
  unsignedLongType,
  unsignedShortType,
  voidType,
  withQualifiers,
} from "./ctypes";
import { quoteType } from "./format";
import { layoutRecord, type MemberToLayout } from "./layout";

/** Builtin type words in any order (`unsigned long int`, `long unsigned`) to the type they name. */
const builtinTypes: Readonly<Record<string, CType>> = {
  void: voidType,
  char: charType,
  "char signed": signedCharType,
  "char unsigned": unsignedCharType,
  short: shortType,
  "int short": shortType,
  "short signed": shortType,
  "int short signed": shortType,
  "short unsigned": unsignedShortType,
  "int short unsigned": unsignedShortType,
  int: intType,
  signed: intType,
  "int signed": intType,
  unsigned: unsignedIntType,
  "int unsigned": unsignedIntType,
  long: longType,
  "int long": longType,
  "long signed": longType,
  "int long signed": longType,
  "long unsigned": unsignedLongType,
  "int long unsigned": unsignedLongType,
  "long long": longLongType,
  "int long long": longLongType,
  "long long signed": longLongType,
  "int long long signed": longLongType,
  "long long unsigned": unsignedLongLongType,
  "int long long unsigned": unsignedLongLongType,
  _Bool: boolType,
  float: floatType,
  double: doubleType,
  "double long": doubleType,
  __int128: int128Type,
  "__int128 signed": int128Type,
  "__int128 unsigned": unsignedInt128Type,
};

export function attributeNamed(attributes: readonly Attribute[], name: string): Attribute | undefined {
  return attributes.find((a) => a.name === name);
}

/** The type named by declaration specifiers, before any declarator. */
export function baseType(c: CheckContext, specifiers: DeclSpecifiers): CType {
  const spec = specifiers.type;
  let type: CType;
  if (spec === null) type = intType;
  else if (spec.kind === "builtin") {
    const key = [...spec.words].sort().join(" ");
    const found = builtinTypes[key];
    if (!found)
      c.error(specifiers.span, `cannot combine with previous '${spec.words[0]}' declaration specifier`);
    type = found ?? intType;
  } else if (spec.kind === "typedef-name") {
    const symbol = c.scope.lookup(spec.name);
    type = symbol?.kind === "typedef" ? { ...symbol.type, typedefName: spec.name } : intType;
  } else if (spec.kind === "record") type = recordType(c, spec);
  else if (spec.kind === "enum") type = enumType(c, spec);
  else if (spec.typeName) type = typeOfTypeName(c, spec.typeName);
  else if (spec.expr) type = c.expression(spec.expr);
  else type = intType;
  return withQualifiers(type, specifiers.qualifiers);
}

export function typeOfTypeName(c: CheckContext, typeName: TypeName): CType {
  return applyDeclarator(c, baseType(c, typeName.specifiers), typeName.declarator);
}

/** Applies pointer, array and function parts from the innermost (the base type) outwards. */
export function applyDeclarator(c: CheckContext, base: CType, declarator: Declarator): CType {
  let type = base;
  for (let i = declarator.parts.length - 1; i >= 0; i--) {
    const part = declarator.parts[i];
    if (part.kind === "pointer") type = withQualifiers(pointerTo(type), part.qualifiers);
    else if (part.kind === "array")
      type = arrayOf(type, part.size ? arrayLength(c, part.size, part.span) : null);
    else {
      const params = part.params.map((param) =>
        parameterType(c, applyDeclarator(c, baseType(c, param.specifiers), param.declarator)),
      );
      const fn: FunctionType = {
        kind: "function",
        returns: type,
        params,
        paramNames: part.params.map((param) => param.declarator.name),
        variadic: part.variadic,
        prototype: part.prototype,
      };
      if (type.kind === "array" || type.kind === "function") {
        c.error(
          declarator.nameSpan,
          `function cannot return ${type.kind === "array" ? "array" : "function"} type ${quoteType(type)}`,
        );
      }
      type = fn;
    }
  }
  return type;
}

/** Parameters of array or function type are adjusted to pointers. */
export function parameterType(_c: CheckContext, type: CType): CType {
  if (type.kind === "array") return pointerTo(type.of);
  if (type.kind === "function") return pointerTo(type);
  return type;
}

function arrayLength(c: CheckContext, size: Expr, span: Span): number | null {
  const value = integerConstant(c, size);
  if (value === null) {
    c.error(size.span, "variable length arrays are not supported by Tailscope (BPF needs a constant size)");
    return 1;
  }
  if (value < 0n) {
    c.error(span, "array size is negative");
    return 1;
  }
  return Number(value);
}

function recordType(c: CheckContext, spec: RecordSpecifier): RecordType {
  let record = null;
  if (spec.tag !== null) {
    const existing = spec.members === null ? c.scope.lookupTag(spec.tag) : c.scope.tags.get(spec.tag);
    if (existing?.kind === "record" && existing.record.tagKind === spec.tagKind) record = existing.record;
    else if (existing)
      c.error(spec.span, `use of '${spec.tag}' with tag type that does not match previous declaration`);
  }
  if (!record) {
    record = c.newRecord(spec.tagKind, spec.tag);
    if (spec.tag !== null) c.scope.tags.set(spec.tag, { kind: "record", record });
  }
  if (spec.members !== null) {
    if (record.complete) {
      c.error(spec.span, `redefinition of '${spec.tag}'`, {
        notes: record.definedAt ? [c.note(record.definedAt, "previous definition is here")] : [],
      });
    } else defineRecord(c, record, spec);
  }
  return { kind: "record", record };
}

function defineRecord(c: CheckContext, record: RecordType["record"], spec: RecordSpecifier): void {
  record.definedAt = spec.span;
  const members: MemberToLayout[] = [];
  const seen = new Map<string, Span>();
  for (const field of spec.members ?? []) {
    const base = baseType(c, field.specifiers);
    if (field.declarators.length === 0) {
      if (base.kind === "record" && base.record.tag === null)
        members.push({ name: null, type: base, bitWidth: null, alignAttribute: null, span: field.span });
      else c.warning(field.span, "declaration does not declare anything");
      continue;
    }
    field.declarators.forEach((fd, index) => {
      const type = applyDeclarator(c, base, fd.declarator);
      const span = fd.declarator.name ? fd.declarator.nameSpan : field.span;
      const name = fd.declarator.name;
      if (name) {
        if (seen.has(name)) c.error(span, `duplicate member '${name}'`);
        seen.set(name, span);
      }
      const isLastMember =
        field === spec.members?.[spec.members.length - 1] && index === field.declarators.length - 1;
      const flexible = type.kind === "array" && type.length === null;
      if (flexible && (!isLastMember || record.tagKind === "union"))
        c.error(span, "flexible array member must be at the end of the struct");
      else if (!flexible && !isComplete(type)) c.error(span, `field has incomplete type ${quoteType(type)}`);
      let bitWidth: number | null = null;
      if (fd.bitWidth) {
        const width = integerConstant(c, fd.bitWidth);
        if (!isInteger(type))
          c.error(span, `bit-field '${name ?? ""}' has non-integral type ${quoteType(type)}`);
        else if (width === null || width < 0n) c.error(fd.bitWidth.span, "bit-field has negative width");
        else if (Number(width) > sizeOf(type) * 8) {
          c.error(
            fd.bitWidth.span,
            `width of bit-field '${name ?? ""}' (${width} bits) exceeds the width of its type (${sizeOf(type) * 8} bits)`,
          );
        } else bitWidth = Number(width);
      }
      const aligned = attributeNamed(fd.declarator.attributes, "aligned");
      const alignAttribute = aligned ? alignmentOf(c, aligned) : null;
      members.push({ name, type, bitWidth, alignAttribute, span });
    });
  }
  const packed = attributeNamed(spec.attributes, "packed") !== undefined;
  const aligned = attributeNamed(spec.attributes, "aligned");
  layoutRecord(record, members, { packed, align: aligned ? alignmentOf(c, aligned) : null });
}

/** `aligned(N)`, or `aligned` alone (the target's largest alignment, 8). */
export function alignmentOf(c: CheckContext, attribute: Attribute): number {
  if (attribute.args.length === 0) return 8;
  const value = integerConstant(c, attribute.args[0]);
  if (value === null || value <= 0n || (value & (value - 1n)) !== 0n) {
    c.error(attribute.span, "requested alignment is not a power of 2");
    return 1;
  }
  return Number(value);
}

function enumType(c: CheckContext, spec: EnumSpecifier): EnumType {
  let info = null;
  if (spec.tag !== null) {
    const existing = spec.enumerators === null ? c.scope.lookupTag(spec.tag) : c.scope.tags.get(spec.tag);
    if (existing?.kind === "enum") info = existing.info;
  }
  if (!info) {
    info = c.newEnum(spec.tag, unsignedIntType);
    if (spec.tag !== null) c.scope.tags.set(spec.tag, { kind: "enum", info });
  }
  if (spec.enumerators !== null) {
    let next = 0n;
    let min = 0n;
    let max = 0n;
    for (const enumerator of spec.enumerators) {
      const value = enumerator.value ? (integerConstant(c, enumerator.value) ?? next) : next;
      min = value < min ? value : min;
      max = value > max ? value : max;
      const fitsInt = value >= -(2n ** 31n) && value < 2n ** 31n;
      const type = fitsInt
        ? intType
        : value >= 0n && value < 2n ** 32n
          ? unsignedIntType
          : value < 0n
            ? longType
            : unsignedLongType;
      if (c.scope.ordinary.has(enumerator.name))
        c.error(enumerator.span, `redefinition of enumerator '${enumerator.name}'`);
      c.scope.ordinary.set(enumerator.name, {
        kind: "enum-constant",
        id: c.symbolId(),
        name: enumerator.name,
        type,
        value,
        span: enumerator.span,
      });
      next = value + 1n;
    }
    // GCC and clang: unsigned int when no value is negative, int when one is; wider when needed.
    if (min < 0n) info.underlying = min >= -(2n ** 31n) && max < 2n ** 31n ? intType : longType;
    else info.underlying = max < 2n ** 32n ? unsignedIntType : unsignedLongType;
    info.complete = true;
  }
  return { kind: "enum", info };
}
