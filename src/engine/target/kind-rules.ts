import { buildDependentHelpers } from "./build-dependent";
import { measuredKinds } from "./measured-kinds";

/** What this kernel's verifier allows a program kind, as the probe printed it (measured-kinds.ts). */
export interface MeasuredKind {
  /** The errno with which the kernel refuses every program of the kind; 0 when it loads them. */
  readonly loadErrno: number;
  readonly returnRange: readonly [number, number] | null;
  /** `offset:sizes …`, the sizes a sum of 1, 2, 4 and 8. */
  readonly read: string;
  readonly write: string;
  /** Helper ids, space-separated. */
  readonly helpers: string;
  /** The helpers only a GPL-compatible program may call (perf_event's differ from the others'). */
  readonly gplOnly: string;
  /** A struct_ops kind's stores into the object its first argument points to, as `offset:sizes`. */
  readonly argumentWrite?: string;
}

interface Rules {
  readonly read: ReadonlyMap<number, number>;
  readonly write: ReadonlyMap<number, number>;
  readonly helpers: ReadonlySet<number>;
  readonly gplOnly: ReadonlySet<number>;
}

const parsed = new Map<string, Rules>();

function accesses(list: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const item of list.split(" ").filter(Boolean)) {
    const [off, sizes] = item.split(":").map(Number);
    map.set(off, sizes);
  }
  return map;
}

function ids(list: string): Set<number> {
  return new Set(list.split(" ").filter(Boolean).map(Number));
}

function rulesOf(kind: string): Rules {
  let rules = parsed.get(kind);
  if (!rules) {
    const measured = measuredKinds[kind];
    if (!measured) throw new Error(`no measured rules for the program kind '${kind}'`);
    rules = {
      read: accesses(measured.read),
      write: accesses(measured.write),
      helpers: ids(measured.helpers),
      gplOnly: ids(measured.gplOnly),
    };
    parsed.set(kind, rules);
  }
  return rules;
}

/** Whether the kernel lets the kind read (or write) `size` bytes of its context at `off`. */
export function measuredContextAccess(kind: string, off: number, size: number, write: boolean): boolean {
  const sizes = (write ? rulesOf(kind).write : rulesOf(kind).read).get(off) ?? 0;
  return (sizes & size) !== 0;
}

export function measuredHelperAllowed(kind: string, id: number): boolean {
  return rulesOf(kind).helpers.has(id) || buildDependentHelpers(kind).has(id);
}

export function measuredGplOnly(kind: string, id: number): boolean {
  return rulesOf(kind).gplOnly.has(id);
}

export function measuredLoadErrno(kind: string): number {
  return measuredKinds[kind]?.loadErrno ?? 0;
}

export function measuredReturnRange(kind: string): readonly [number, number] | null {
  return measuredKinds[kind]?.returnRange ?? null;
}

/**
 * Whether a struct_ops kind may store `size` bytes at `off` into the socket its first argument
 * points to: "ok", "no write support" when no writable member starts there, or the end of the
 * member a store runs past. The kernel's check (bpf_tcp_ca_btf_struct_access) allows a store
 * that starts within a writable member and stays within it; the members are the runs of
 * measured offsets, each ending past its longest allowed store.
 */
export function measuredArgumentWrite(
  kind: string,
  off: number,
  size: number,
): { readonly ok: true } | { readonly ok: false; readonly memberEnd: number | null } {
  const starts = accesses(measuredKinds[kind]?.argumentWrite ?? "");
  if (!starts.has(off)) return { ok: false, memberEnd: null };
  let end = off;
  for (let at = off; starts.has(at); at++) end = Math.max(end, at + largestSize(starts.get(at) ?? 0));
  return off + size <= end ? { ok: true } : { ok: false, memberEnd: end };
}

function largestSize(sizes: number): number {
  return sizes & 8 ? 8 : sizes & 4 ? 4 : sizes & 2 ? 2 : 1;
}

/** The kinds measured, by name (`sock_ops`, `cgroup_sock_addr/connect4` …). */
export function measuredKindNames(): string[] {
  return Object.keys(measuredKinds);
}
