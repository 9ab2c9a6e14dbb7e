import type { ProgramKind } from "../loader/sections";
import btfTargets from "./btf-targets.json" with { type: "json" };

/**
 * The contexts the verifier types from BTF (scripts/generate-tracepoints.mjs): a tp_btf
 * program's are the tracepoint's arguments, one 8-byte slot each; an iterator's, its
 * `struct bpf_iter__<target>`. Each argument or field is "s<bytes>" (a number), "p" (a pointer
 * Tailscope does not follow) or "p:<struct>" (kernel memory of that struct).
 */
interface BtfTargets {
  readonly tracepoints: Readonly<Record<string, readonly string[]>>;
  readonly iterators: Readonly<
    Record<string, readonly (readonly [name: string, off: number, type: string])[]>
  >;
}

/** Read when first needed, so that bundles that never verify leave the table out. */
function targets(): BtfTargets {
  return btfTargets as unknown as BtfTargets;
}

/** One slot of a BTF-typed context: where it is and what it holds. */
interface Slot {
  readonly off: number;
  readonly type: string;
  /** An iterator's object fields may be NULL (the meta field never is). */
  readonly nullable: boolean;
}

function slotsOf(kind: ProgramKind): readonly Slot[] | null {
  if (kind.target === undefined) return null;
  if (kind.attach === "tp_btf") {
    const args = targets().tracepoints[kind.target];
    return args ? args.map((type, i) => ({ off: 8 * i, type, nullable: false })) : null;
  }
  if (kind.attach === "iter") {
    const fields = targets().iterators[kind.target];
    return fields ? fields.map(([name, off, type]) => ({ off, type, nullable: name !== "meta" })) : null;
  }
  return null;
}

/** Whether the kind's context is typed from BTF (then the functions below answer for it). */
export function btfTyped(kind: ProgramKind): boolean {
  return kind.attach === "tp_btf" || kind.attach === "iter";
}

/** Whether the kernel has the tracepoint or iterator the section names. */
export function btfTargetExists(kind: ProgramKind): boolean {
  return slotsOf(kind) !== null;
}

/**
 * A read of the context (there are no writes): at a slot's start, 8 bytes for a pointer, or for
 * a tp_btf number any of 1, 2, 4 and 8 (measured on sched_switch by kind-probe.c).
 */
export function btfContextAccess(kind: ProgramKind, off: number, size: number, write: boolean): boolean {
  if (write) return false;
  const slot = slotsOf(kind)?.find((s) => s.off === off);
  if (!slot) return false;
  if (slot.type.startsWith("p")) return size === 8;
  return kind.attach === "tp_btf" ? [1, 2, 4, 8].includes(size) : size === Number(slot.type.slice(1));
}

/** What a context read at `off` gives: kernel memory of a struct, or null for a number. */
export function btfContextValue(
  kind: ProgramKind,
  off: number,
): { struct: string; nullable: boolean } | null {
  const slot = slotsOf(kind)?.find((s) => s.off === off);
  if (!slot?.type.startsWith("p:")) return null;
  return { struct: slot.type.slice(2), nullable: slot.nullable };
}
