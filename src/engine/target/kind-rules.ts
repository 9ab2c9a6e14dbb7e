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
  return rulesOf(kind).helpers.has(id);
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

/** The kinds measured, by name (`sock_ops`, `cgroup_sock_addr/connect4` …). */
export function measuredKindNames(): string[] {
  return Object.keys(measuredKinds);
}
