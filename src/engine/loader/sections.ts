/**
 * Program types from ELF section names, as libbpf's `section_defs` table maps them
 * (libbpf/libbpf:src/libbpf.c; kernel-facts.md §3.1). Matching is exact, as in libbpf ≥ 1.0.
 */
export type ProgramType =
  | "cgroup_skb"
  | "sched_cls"
  | "xdp"
  | "socket_filter"
  | "kprobe"
  | "tracepoint"
  | "raw_tracepoint";

/** Types Tailscope runs packets through; the others are compiled, loaded and verified only. */
export const RUNNABLE_TYPES: ReadonlySet<ProgramType> = new Set([
  "cgroup_skb",
  "sched_cls",
  "xdp",
  "socket_filter",
]);

/** Whether packets can run through a program of this type (else it is checked, not run). */
export function runnable(type: ProgramType): boolean {
  return RUNNABLE_TYPES.has(type);
}

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
  // Multi-buffer capable (BPF_F_XDP_HAS_FRAGS); a test run's single-buffer frame runs alike.
  "xdp.frags": { type: "xdp", attach: "xdp", returnRange: null },
  socket: { type: "socket_filter", attach: null, returnRange: null },
};

/**
 * Sections of the tracing types, as libbpf's `kprobe+`-style entries: the name alone, or the
 * name, a slash and the attach target (`kprobe/do_unlinkat`, `tp/syscalls/sys_enter_openat`).
 * Tailscope checks these programs but does not run them.
 */
const tracingSections: readonly { readonly prefix: string; readonly kind: ProgramKind }[] = [
  ...["kprobe", "kretprobe", "uprobe", "uretprobe", "ksyscall", "kretsyscall", "uprobe.s", "uretprobe.s"].map(
    (prefix) => ({ prefix, kind: { type: "kprobe" as const, attach: null, returnRange: null } }),
  ),
  ...["tp", "tracepoint"].map((prefix) => ({
    prefix,
    kind: { type: "tracepoint" as const, attach: null, returnRange: null },
  })),
  ...["raw_tp", "raw_tracepoint", "raw_tp.w", "raw_tracepoint.w"].map((prefix) => ({
    prefix,
    kind: { type: "raw_tracepoint" as const, attach: null, returnRange: null },
  })),
];

/** The program kind a section names, or null (libbpf: "failed to guess program type from ELF section …"). */
export function programKindOf(section: string): ProgramKind | null {
  const name = section.startsWith("?") ? section.slice(1) : section;
  const exact = sectionKinds[name];
  if (exact) return exact;
  return tracingSections.find(({ prefix }) => name === prefix || name.startsWith(`${prefix}/`))?.kind ?? null;
}

/**
 * Section names libbpf 1.x knows for program types Tailscope does not model yet, to say so
 * instead of libbpf's "failed to guess" (which libbpf would not say): exact names, and
 * prefixes followed by a slash and a target.
 */
const unmodelledExact: Readonly<Record<string, string>> = {
  action: "sched_act",
  perf_event: "perf_event",
  syscall: "syscall",
  sockops: "sock_ops",
  sk_skb: "sk_skb",
  "sk_skb/stream_parser": "sk_skb",
  "sk_skb/stream_verdict": "sk_skb",
  sk_msg: "sk_msg",
  sk_lookup: "sk_lookup",
  sk_reuseport: "sk_reuseport",
  "sk_reuseport/migrate": "sk_reuseport",
  flow_dissector: "flow_dissector",
  lirc_mode2: "lirc_mode2",
  lwt_in: "lwt_in",
  lwt_out: "lwt_out",
  lwt_xmit: "lwt_xmit",
  lwt_seg6local: "lwt_seg6local",
  "xdp/devmap": "xdp (devmap)",
  "xdp/cpumap": "xdp (cpumap)",
  "xdp.frags/devmap": "xdp (devmap)",
  "xdp.frags/cpumap": "xdp (cpumap)",
  "cgroup/dev": "cgroup_device",
  "cgroup/sysctl": "cgroup_sysctl",
  "cgroup/getsockopt": "cgroup_sockopt",
  "cgroup/setsockopt": "cgroup_sockopt",
  ...Object.fromEntries(
    ["sock", "sock_create", "sock_release", "post_bind4", "post_bind6"].map((n) => [
      `cgroup/${n}`,
      "cgroup_sock",
    ]),
  ),
  ...Object.fromEntries(
    ["bind", "connect", "sendmsg", "recvmsg", "getpeername", "getsockname"].flatMap((n) =>
      ["4", "6"].map((v) => [`cgroup/${n}${v}`, "cgroup_sock_addr"]),
    ),
  ),
};
const unmodelledPrefixes: Readonly<Record<string, string>> = {
  "kprobe.multi": "kprobe (multi)",
  "kretprobe.multi": "kprobe (multi)",
  usdt: "kprobe (usdt)",
  tp_btf: "tracing",
  fentry: "tracing",
  fexit: "tracing",
  fmod_ret: "tracing",
  "fentry.s": "tracing",
  "fexit.s": "tracing",
  "fmod_ret.s": "tracing",
  freplace: "ext",
  lsm: "lsm",
  "lsm.s": "lsm",
  lsm_cgroup: "lsm",
  iter: "tracing (iter)",
  "iter.s": "tracing (iter)",
  struct_ops: "struct_ops",
};

/** The libbpf program type of a section Tailscope does not model, or null when libbpf knows none. */
export function unmodelledTypeOf(section: string): string | null {
  const name = section.startsWith("?") ? section.slice(1) : section;
  const exact = unmodelledExact[name];
  if (exact) return exact;
  const prefix = Object.keys(unmodelledPrefixes).find((p) => name === p || name.startsWith(`${p}/`));
  return prefix ? unmodelledPrefixes[prefix] : null;
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
