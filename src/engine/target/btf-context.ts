import type { ProgramKind } from "../loader/sections";
import btfTargets from "./btf-targets.json" with { type: "json" };

/**
 * The contexts the verifier types from BTF (scripts/generate-tracepoints.mjs): a tp_btf
 * program's are the tracepoint's arguments, one 8-byte slot each; an iterator's, its
 * `struct bpf_iter__<target>`; a struct_ops program's, the arguments of the member it
 * implements. Each argument or field is "s<bytes>" (a number), "p" (a pointer
 * Tailscope does not follow) or "p:<struct>" (kernel memory of that struct).
 */
interface BtfTargets {
  readonly tracepoints: Readonly<Record<string, readonly string[]>>;
  /** Per struct_ops type, its function-pointer members: arguments, and whether one returns a value. */
  readonly structOps: Readonly<
    Record<string, readonly (readonly [member: string, args: readonly string[], returns: boolean])[]>
  >;
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
  if (kind.attach === "struct_ops") {
    const [struct, member] = kind.target.split(".");
    const args = structOpsMembers(struct)?.find(([name]) => name === member)?.[1];
    return args
      ? args.map((type, i) => ({ off: 8 * i, type: promoted(struct, type), nullable: false }))
      : null;
  }
  if (kind.attach === "iter") {
    const fields = targets().iterators[kind.target];
    return fields ? fields.map(([name, off, type]) => ({ off, type, nullable: name !== "meta" })) : null;
  }
  return null;
}

/** The function-pointer members of a struct_ops type this kernel registers, or null. */
export function structOpsMembers(
  struct: string,
): readonly (readonly [member: string, args: readonly string[], returns: boolean])[] | null {
  return Object.hasOwn(targets().structOps, struct) ? targets().structOps[struct] : null;
}

/**
 * TCP congestion control's socket argument is a `struct sock *`, which the kernel hands the
 * program as the `struct tcp_sock` it is (bpf_tcp_ca_is_valid_access): fields of tcp_sock read
 * through it, and its writable members are tcp_sock's.
 */
function promoted(struct: string, type: string): string {
  return struct === "tcp_congestion_ops" && type === "p:sock" ? "p:tcp_sock" : type;
}

/** Whether the kind's context is typed from BTF (then the functions below answer for it). */
export function btfTyped(kind: ProgramKind): boolean {
  return kind.attach === "tp_btf" || kind.attach === "iter" || kind.attach === "struct_ops";
}

/** Whether the kernel has the tracepoint or iterator the section names. */
export function btfTargetExists(kind: ProgramKind): boolean {
  return slotsOf(kind) !== null;
}

/**
 * A read of the context (there are no writes): at a slot's start, 8 bytes for a pointer, or for
 * a tp_btf or struct_ops number any of 1, 2, 4 and 8 (measured on sched_switch and cong_avoid
 * by kind-probe.c).
 */
export function btfContextAccess(kind: ProgramKind, off: number, size: number, write: boolean): boolean {
  if (write) return false;
  const slot = slotsOf(kind)?.find((s) => s.off === off);
  if (!slot) return false;
  if (slot.type.startsWith("p")) return size === 8;
  // struct_ops arguments measured on cong_avoid: its u32 arguments read at any size, as tp_btf's.
  return kind.attach === "iter" ? size === Number(slot.type.slice(1)) : [1, 2, 4, 8].includes(size);
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
