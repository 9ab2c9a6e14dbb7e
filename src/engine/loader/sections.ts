/**
 * Program types from ELF section names, as libbpf's `section_defs` table maps them
 * (libbpf/libbpf:src/libbpf.c; kernel-facts.md §3.1). Matching is exact, as in libbpf ≥ 1.0.
 */
export type ProgramType = "cgroup_skb" | "sched_cls" | "xdp" | "socket_filter";

export interface ProgramKind {
  readonly type: ProgramType;
  /** The expected attach type, which prog-array owner checks compare since 2025. */
  readonly attach: "ingress" | "egress" | "xdp" | null;
  /** Return values the verifier accepts, inclusive (kernel/bpf/verifier.c `check_return_code`). */
  readonly returnRange: readonly [number, number] | null;
}

const sectionKinds: Readonly<Record<string, ProgramKind>> = {
  "cgroup_skb/ingress": { type: "cgroup_skb", attach: "ingress", returnRange: [0, 1] },
  "cgroup_skb/egress": { type: "cgroup_skb", attach: "egress", returnRange: [0, 3] },
  "cgroup/skb": { type: "cgroup_skb", attach: null, returnRange: [0, 1] },
  tc: { type: "sched_cls", attach: null, returnRange: null },
  classifier: { type: "sched_cls", attach: null, returnRange: null },
  "tcx/ingress": { type: "sched_cls", attach: "ingress", returnRange: null },
  "tcx/egress": { type: "sched_cls", attach: "egress", returnRange: null },
  xdp: { type: "xdp", attach: "xdp", returnRange: null },
  socket: { type: "socket_filter", attach: null, returnRange: null },
};

/** The program kind a section names, or null (libbpf: "failed to guess program type from ELF section …"). */
export function programKindOf(section: string): ProgramKind | null {
  return sectionKinds[section.startsWith("?") ? section.slice(1) : section] ?? null;
}

/** Sections that hold data, not programs. */
export function isDataSection(section: string): boolean {
  return (
    section === ".maps" ||
    section === "maps" ||
    section === "license" ||
    section === "version" ||
    /^\.(bss|data|rodata)(\..*)?$/.test(section)
  );
}
