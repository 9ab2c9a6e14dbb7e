import type { Span } from "../source/source-file";

/**
 * C types for the BPF target as `clang -target bpf` sees them: char 1 (signed), short 2,
 * int 4, long and long long 8, pointers 8, little-endian. A type made through a typedef
 * carries the typedef's name so messages can say `'__u32' (aka 'unsigned int')`.
 */
interface TypeBase {
  readonly const?: boolean;
  readonly volatile?: boolean;
  readonly typedefName?: string;
}

export interface VoidType extends TypeBase {
  readonly kind: "void";
}

export type IntegerRank = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface IntType extends TypeBase {
  readonly kind: "int";
  readonly size: 1 | 2 | 4 | 8 | 16;
  readonly signed: boolean;
  /** The spelling clang prints: `unsigned char`, `long`, `_Bool` … */
  readonly name: string;
  /** Conversion rank: _Bool 0, char 1, short 2, int 3, long 4, long long 5, __int128 6. */
  readonly rank: IntegerRank;
}

export interface FloatType extends TypeBase {
  readonly kind: "float";
  readonly size: 4 | 8;
  readonly name: string;
}

export interface PointerType extends TypeBase {
  readonly kind: "pointer";
  readonly to: CType;
}

export interface ArrayType extends TypeBase {
  readonly kind: "array";
  readonly of: CType;
  /** null for `[]` (incomplete, or a flexible array member). */
  readonly length: number | null;
}

export interface FunctionType extends TypeBase {
  readonly kind: "function";
  readonly returns: CType;
  readonly params: readonly CType[];
  readonly paramNames: readonly (string | null)[];
  readonly variadic: boolean;
  /** false for `f()`, which takes any arguments in C before C23. */
  readonly prototype: boolean;
}

export interface Field {
  /** null for an anonymous struct/union member or an unnamed bit-field. */
  readonly name: string | null;
  readonly type: CType;
  /** Byte offset of the field (of its storage unit, for a bit-field). */
  readonly offset: number;
  /** For bit-fields: bit offset from the start of the record, and width. */
  readonly bitOffset?: number;
  readonly bitWidth?: number;
  readonly span: Span;
}

/** A struct or union. Created incomplete at its first mention and completed by its definition. */
export interface RecordInfo {
  readonly id: number;
  readonly tagKind: "struct" | "union";
  readonly tag: string | null;
  complete: boolean;
  fields: Field[];
  size: number;
  align: number;
  definedAt: Span | null;
}

export interface RecordType extends TypeBase {
  readonly kind: "record";
  readonly record: RecordInfo;
}

export interface EnumInfo {
  readonly id: number;
  readonly tag: string | null;
  complete: boolean;
  /** The integer type values are stored in (int unless the values need more). */
  underlying: IntType;
}

export interface EnumType extends TypeBase {
  readonly kind: "enum";
  readonly info: EnumInfo;
}

export type CType =
  | VoidType
  | IntType
  | FloatType
  | PointerType
  | ArrayType
  | FunctionType
  | RecordType
  | EnumType;

function int(name: string, size: IntType["size"], signed: boolean, rank: IntegerRank): IntType {
  return { kind: "int", name, size, signed, rank };
}

export const voidType: VoidType = { kind: "void" };
export const boolType = int("_Bool", 1, false, 0);
export const charType = int("char", 1, true, 1);
export const signedCharType = int("signed char", 1, true, 1);
export const unsignedCharType = int("unsigned char", 1, false, 1);
export const shortType = int("short", 2, true, 2);
export const unsignedShortType = int("unsigned short", 2, false, 2);
export const intType = int("int", 4, true, 3);
export const unsignedIntType = int("unsigned int", 4, false, 3);
export const longType = int("long", 8, true, 4);
export const unsignedLongType = int("unsigned long", 8, false, 4);
export const longLongType = int("long long", 8, true, 5);
export const unsignedLongLongType = int("unsigned long long", 8, false, 5);
export const int128Type = int("__int128", 16, true, 6);
export const unsignedInt128Type = int("unsigned __int128", 16, false, 6);
export const floatType: FloatType = { kind: "float", size: 4, name: "float" };
export const doubleType: FloatType = { kind: "float", size: 8, name: "double" };
/** `size_t` on the BPF target. */
export const sizeType = unsignedLongType;

export function pointerTo(to: CType): PointerType {
  return { kind: "pointer", to };
}

export function arrayOf(of: CType, length: number | null): ArrayType {
  return { kind: "array", of, length };
}

export const voidPointer = pointerTo(voidType);

/** The type without const/volatile and without its typedef name. */
export function unqualified<T extends CType>(type: T): T {
  if (!type.const && !type.volatile && !type.typedefName) return type;
  const { const: _c, volatile: _v, typedefName: _t, ...rest } = type;
  return rest as unknown as T;
}

export function withQualifiers<T extends CType>(type: T, q: { const?: boolean; volatile?: boolean }): T {
  if (!q.const && !q.volatile) return type;
  return {
    ...type,
    const: type.const || q.const || undefined,
    volatile: type.volatile || q.volatile || undefined,
  };
}

export function isInteger(t: CType): t is IntType | EnumType {
  return t.kind === "int" || t.kind === "enum";
}

export function isArithmetic(t: CType): boolean {
  return isInteger(t) || t.kind === "float";
}

export function isScalar(t: CType): boolean {
  return isArithmetic(t) || t.kind === "pointer";
}

export function isPointerLike(t: CType): boolean {
  return t.kind === "pointer" || t.kind === "array" || t.kind === "function";
}

/** The integer type an enum or integer is stored as. */
export function integerOf(t: IntType | EnumType): IntType {
  return t.kind === "enum" ? t.info.underlying : t;
}

export function isComplete(t: CType): boolean {
  switch (t.kind) {
    case "void":
      return false;
    case "record":
      return t.record.complete;
    case "array":
      return t.length !== null && isComplete(t.of);
    case "enum":
      return t.info.complete;
    default:
      return true;
  }
}

/** sizeof, in bytes (functions and void are 1, as GNU C has it for pointer arithmetic). */
export function sizeOf(t: CType): number {
  switch (t.kind) {
    case "void":
    case "function":
      return 1;
    case "int":
    case "float":
      return t.size;
    case "pointer":
      return 8;
    case "array":
      return (t.length ?? 0) * sizeOf(t.of);
    case "record":
      return t.record.size;
    case "enum":
      return t.info.underlying.size;
  }
}

export function alignOf(t: CType): number {
  switch (t.kind) {
    case "void":
    case "function":
      return 1;
    case "int":
      return Math.min(t.size, 8);
    case "float":
      return t.size;
    case "pointer":
      return 8;
    case "array":
      return alignOf(t.of);
    case "record":
      return t.record.align;
    case "enum":
      return t.info.underlying.size;
  }
}

/** Integer promotion: types of lower rank than int become int. */
export function promote(t: CType): CType {
  if (t.kind === "enum") return promote(t.info.underlying);
  if (t.kind !== "int") return unqualified(t);
  if (t.rank < 3) return intType;
  return unqualified(t);
}

const unsignedOf: Record<string, IntType> = {
  int: unsignedIntType,
  long: unsignedLongType,
  "long long": unsignedLongLongType,
  __int128: unsignedInt128Type,
};

/** The usual arithmetic conversions (C11 6.3.1.8) for two integer operands. */
export function usualArithmetic(a: CType, b: CType): CType {
  if (a.kind === "float" || b.kind === "float") {
    if (a.kind === "float" && b.kind === "float") return a.size >= b.size ? unqualified(a) : unqualified(b);
    return a.kind === "float" ? unqualified(a) : unqualified(b);
  }
  const x = promote(a) as IntType;
  const y = promote(b) as IntType;
  if (x.name === y.name) return x;
  if (x.signed === y.signed) return x.rank >= y.rank ? x : y;
  const [u, s] = x.signed ? [y, x] : [x, y];
  if (u.rank >= s.rank) return u;
  if (s.size > u.size) return s;
  return unsignedOf[s.name] ?? u;
}

export function isVoidPointer(t: CType): boolean {
  return t.kind === "pointer" && t.to.kind === "void";
}

export function isNullPointerConstantType(t: CType): boolean {
  return isInteger(t);
}

/** Types the same after removing qualifiers and typedef names (C "compatible types", simplified). */
export function sameType(a: CType, b: CType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "void":
      return true;
    case "int":
      return a.name === (b as IntType).name;
    case "float":
      return a.size === (b as FloatType).size;
    case "pointer":
      return (
        sameType(a.to, (b as PointerType).to) && Boolean(a.to.const) === Boolean((b as PointerType).to.const)
      );
    case "array": {
      const other = b as ArrayType;
      return (
        sameType(a.of, other.of) && (a.length === null || other.length === null || a.length === other.length)
      );
    }
    case "function": {
      const other = b as FunctionType;
      if (!sameType(a.returns, other.returns) || a.variadic !== other.variadic) return false;
      if (!a.prototype || !other.prototype) return true;
      return (
        a.params.length === other.params.length &&
        a.params.every((p, i) => sameType(unqualified(p), unqualified(other.params[i])))
      );
    }
    case "record":
      return a.record === (b as RecordType).record;
    case "enum":
      return a.info === (b as EnumType).info;
  }
}
