import type { ProgramKind } from "../loader/sections";
import { btfContextValue, btfTyped } from "../target/btf-context";
import type { CType } from "../types/ctypes";
import type { AbsValue, BtfPointer } from "./abstract-values";

/**
 * What an 8-byte load gives when it is kernel memory typed from BTF: a BTF-typed context's
 * pointer slot (a tp_btf argument, an iterator's field), or a struct pointer read through such
 * memory (next->mm), which the verifier follows without a NULL check. Null for anything else.
 */
export function btfLoaded(
  kind: ProgramKind | null,
  base: AbsValue,
  size: number,
  type: CType | undefined,
): Omit<BtfPointer, "id"> | null {
  if (size !== 8) return null;
  if (base.kind === "ctx" && kind && btfTyped(kind)) {
    const slot = btfContextValue(kind, base.off);
    return slot ? { kind: "btf", ...slot, off: 0 } : null;
  }
  const to = type?.kind === "pointer" ? type.to : null;
  if (base.kind === "btf" && to?.kind === "record")
    return { kind: "btf", struct: to.record.tag ?? "(anon)", off: 0, nullable: false };
  return null;
}
