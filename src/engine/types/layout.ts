import type { Span } from "../source/source-file";
import { alignOf, type CType, type Field, type RecordInfo, sizeOf } from "./ctypes";

/** A member as the checker resolved it, before layout. */
export interface MemberToLayout {
  readonly name: string | null;
  readonly type: CType;
  /** Bit-field width, or null for an ordinary member. */
  readonly bitWidth: number | null;
  /** `__attribute__((aligned(N)))` on the member. */
  readonly alignAttribute: number | null;
  readonly span: Span;
}

export interface RecordAttributes {
  readonly packed: boolean;
  /** `__attribute__((aligned(N)))` on the record. */
  readonly align: number | null;
}

function roundUp(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}

/**
 * Lays out a struct or union the way clang does for the BPF target (the System V rules it
 * shares with x86-64): members at their natural alignment, a bit-field moves to the next unit
 * of its type when it would straddle one, unnamed bit-fields do not raise the record's
 * alignment, `packed` drops member alignment to 1 unless a member asks for more.
 */
export function layoutRecord(
  record: RecordInfo,
  members: readonly MemberToLayout[],
  attributes: RecordAttributes,
): void {
  const isUnion = record.tagKind === "union";
  let bit = 0;
  let maxBit = 0;
  let align = 1;
  const fields: Field[] = [];
  for (const member of members) {
    const typeSize = sizeOf(member.type);
    const naturalAlign = attributes.packed ? 1 : alignOf(member.type);
    const memberAlign = Math.max(naturalAlign, member.alignAttribute ?? 1);
    const start = isUnion ? 0 : bit;
    if (member.bitWidth !== null) {
      const unitBits = typeSize * 8;
      let at = start;
      if (member.bitWidth === 0) at = roundUp(at, alignOf(member.type) * 8);
      else if (
        !attributes.packed &&
        Math.floor(at / unitBits) !== Math.floor((at + member.bitWidth - 1) / unitBits)
      ) {
        at = roundUp(at, unitBits);
      }
      if (member.name !== null) align = Math.max(align, memberAlign);
      if (member.bitWidth > 0) {
        const unitStart = attributes.packed ? Math.floor(at / 8) : Math.floor(at / unitBits) * typeSize;
        fields.push({
          name: member.name,
          type: member.type,
          offset: unitStart,
          bitOffset: at,
          bitWidth: member.bitWidth,
          span: member.span,
        });
      }
      const end = at + member.bitWidth;
      if (isUnion) maxBit = Math.max(maxBit, end);
      else bit = end;
      continue;
    }
    const offset = roundUp(Math.ceil(start / 8), memberAlign);
    align = Math.max(align, memberAlign);
    fields.push({ name: member.name, type: member.type, offset, span: member.span });
    const end = (offset + typeSize) * 8;
    if (isUnion) maxBit = Math.max(maxBit, end);
    else bit = end;
  }
  if (attributes.align !== null) align = Math.max(align, attributes.align);
  const used = Math.ceil((isUnion ? maxBit : bit) / 8);
  record.fields = fields;
  record.align = align;
  record.size = roundUp(used, align);
  record.complete = true;
}

/** Finds a member by name, looking through anonymous struct and union members. */
export function findField(
  record: RecordInfo,
  name: string,
): { field: Field; offset: number; bitOffset?: number } | null {
  for (const field of record.fields) {
    if (field.name === name) return { field, offset: field.offset, bitOffset: field.bitOffset };
    if (field.name === null && field.type.kind === "record") {
      const inner = findField(field.type.record, name);
      if (inner) {
        return {
          field: inner.field,
          offset: field.offset + inner.offset,
          bitOffset: inner.bitOffset === undefined ? undefined : inner.bitOffset + field.offset * 8,
        };
      }
    }
  }
  return null;
}
