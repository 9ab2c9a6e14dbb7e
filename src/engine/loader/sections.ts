/**
 * Program types from ELF section names, as libbpf's `section_defs` table maps them
 * (libbpf/libbpf:src/libbpf.c; kernel-facts.md §3.1). Matching is exact, as in libbpf ≥ 1.0.
 */
import { measuredReturnRange } from "../target/kind-rules";

export type ProgramType =
  | "cgroup_skb"
  | "sched_cls"
  | "xdp"
  | "socket_filter"
  | "kprobe"
  | "tracepoint"
  | "raw_tracepoint"
  | MeasuredType;

/**
 * Types whose rules (context accesses, helpers, return values) are measured on this kernel by
 * test/conformance/kind-probe.c, per attach type where the kernel tells them apart.
 */
export type MeasuredType =
  | "sock_ops"
  | "cgroup_sock"
  | "cgroup_sock_addr"
  | "sk_skb"
  | "sk_msg"
  | "sk_lookup"
  | "lwt_in"
  | "lwt_out"
  | "lwt_xmit"
  | "lwt_seg6local"
  | "flow_dissector"
  | "perf_event"
  | "cgroup_device"
  | "cgroup_sysctl"
  | "cgroup_sockopt"
  | "sched_act"
  | "sk_reuseport"
  | "syscall"
  | "xdp_devmap"
  | "xdp_cpumap"
  | "tracing"
  | "lsm"
  | "struct_ops";

export { RUNNABLE_TYPES, runnable } from "./runnable";

export interface ProgramKind {
  readonly type: ProgramType;
  /** The expected attach type, which prog-array owner checks compare since 2025. */
  readonly attach: string | null;
  /** Return values the verifier accepts, inclusive (kernel/bpf/verifier.c `check_return_code`). */
  readonly returnRange: readonly [number, number] | null;
  /** The measured kind (kind-probe.c) whose rules apply: `sock_ops`, `cgroup_sock_addr/connect4` … */
  readonly measured?: string;
  /** What a BTF-typed program attaches to: the tracepoint, iterator or function after the `/`. */
  readonly target?: string;
}

function exactSections(): Readonly<Record<string, ProgramKind>> {
  return {
    "cgroup_skb/ingress": { type: "cgroup_skb", attach: "ingress", returnRange: [0, 1] },
    "cgroup_skb/egress": { type: "cgroup_skb", attach: "egress", returnRange: [0, 3] },
    "cgroup/skb": { type: "cgroup_skb", attach: null, returnRange: [0, 1] },
    tc: { type: "sched_cls", attach: null, returnRange: null },
    // Bound to the member it implements by a SEC(".struct_ops") variable (struct-ops.ts).
    struct_ops: STRUCT_OPS,
    classifier: { type: "sched_cls", attach: null, returnRange: null },
    "tcx/ingress": { type: "sched_cls", attach: "ingress", returnRange: null },
    "tcx/egress": { type: "sched_cls", attach: "egress", returnRange: null },
    xdp: { type: "xdp", attach: "xdp", returnRange: null },
    // Multi-buffer capable (BPF_F_XDP_HAS_FRAGS); a test run's single-buffer frame runs alike.
    "xdp.frags": { type: "xdp", attach: "xdp", returnRange: null },
    socket: { type: "socket_filter", attach: null, returnRange: null },
    ...measuredSections(),
  };
}

const STRUCT_OPS: ProgramKind = { type: "struct_ops", attach: "struct_ops", returnRange: null };

/** A measured kind's section: its type, its attach type (the part after `/`), its rules' name. */
function measured(type: ProgramType, kind: string, attach: string | null = null): ProgramKind {
  return { type, attach, returnRange: measuredReturnRange(kind), measured: kind };
}

/** libbpf 1.1's sections for the measured types (its `section_defs`, exact names). */
function measuredSections(): Record<string, ProgramKind> {
  const sockCreate = measured("cgroup_sock", "cgroup_sock/sock_create", "sock_create");
  const sections: Record<string, ProgramKind> = {
    sockops: measured("sock_ops", "sock_ops", "sock_ops"),
    "cgroup/sock": sockCreate,
    "cgroup/sock_create": sockCreate,
    "sk_skb/stream_parser": measured("sk_skb", "sk_skb/stream_parser", "stream_parser"),
    "sk_skb/stream_verdict": measured("sk_skb", "sk_skb/stream_verdict", "stream_verdict"),
    sk_skb: measured("sk_skb", "sk_skb"),
    sk_msg: measured("sk_msg", "sk_msg", "sk_msg_verdict"),
    sk_lookup: measured("sk_lookup", "sk_lookup", "sk_lookup"),
    flow_dissector: measured("flow_dissector", "flow_dissector", "flow_dissector"),
    perf_event: measured("perf_event", "perf_event"),
    "cgroup/dev": measured("cgroup_device", "cgroup_device", "cgroup_device"),
    "cgroup/sysctl": measured("cgroup_sysctl", "cgroup_sysctl", "cgroup_sysctl"),
    "cgroup/getsockopt": measured("cgroup_sockopt", "cgroup_sockopt/getsockopt", "getsockopt"),
    "cgroup/setsockopt": measured("cgroup_sockopt", "cgroup_sockopt/setsockopt", "setsockopt"),
    action: measured("sched_act", "sched_act"),
    sk_reuseport: measured("sk_reuseport", "sk_reuseport/select", "select"),
    "sk_reuseport/migrate": measured("sk_reuseport", "sk_reuseport/migrate", "select_or_migrate"),
    syscall: measured("syscall", "syscall"),
  };
  // XDP programs a devmap or cpumap runs after a redirect: BPF_PROG_TEST_RUN refuses them.
  for (const map of ["devmap", "cpumap"] as const)
    for (const xdp of ["xdp", "xdp.frags"])
      sections[`${xdp}/${map}`] = measured(`xdp_${map}`, `xdp/${map}`, `xdp_${map}`);
  for (const lwt of ["lwt_in", "lwt_out", "lwt_xmit", "lwt_seg6local"] as const)
    sections[lwt] = measured(lwt, lwt);
  for (const hook of ["sock_release", "post_bind4", "post_bind6"])
    sections[`cgroup/${hook}`] = measured("cgroup_sock", `cgroup_sock/${hook}`, hook);
  for (const hook of ["bind", "connect", "sendmsg", "recvmsg", "getpeername", "getsockname"])
    for (const family of ["4", "6"])
      sections[`cgroup/${hook}${family}`] = measured(
        "cgroup_sock_addr",
        `cgroup_sock_addr/${hook}${family}`,
        `${hook}${family}`,
      );
  return sections;
}

/**
 * Sections of the tracing types, as libbpf's `kprobe+`-style entries: the name alone, or the
 * name, a slash and the attach target (`kprobe/do_unlinkat`, `tp/syscalls/sys_enter_openat`).
 * Tailscope checks these programs but does not run them.
 */
function tracingSections(): readonly PrefixedKind[] {
  return [
    ...[
      "kprobe",
      "kretprobe",
      "uprobe",
      "uretprobe",
      "ksyscall",
      "kretsyscall",
      "uprobe.s",
      "uretprobe.s",
      // A USDT probe is a uprobe to the kernel; libbpf's usdt.bpf.h reads its arguments.
      "usdt",
    ].map((prefix) => ({ prefix, kind: { type: "kprobe" as const, attach: null, returnRange: null } })),
    ...["tp", "tracepoint"].map((prefix) => ({
      prefix,
      kind: { type: "tracepoint" as const, attach: null, returnRange: null },
    })),
    ...["raw_tp", "raw_tracepoint", "raw_tp.w", "raw_tracepoint.w"].map((prefix) => ({
      prefix,
      kind: { type: "raw_tracepoint" as const, attach: null, returnRange: null },
    })),
    // One program on many functions (BPF_TRACE_KPROBE_MULTI): its own rules, narrow reads allowed.
    ...["kprobe.multi", "kretprobe.multi"].map((prefix) => ({
      prefix,
      kind: measured("kprobe", "kprobe/multi", "kprobe_multi"),
    })),
  ];
}

/**
 * The BTF-typed tracing sections: the part after the slash names what the program attaches
 * to, whose BTF types its context. Their rules come from the kind probe's sample targets; this
 * kernel refuses fentry, fexit, fmod_ret and lsm programs outright (the probe's errno).
 */
function btfSections(): readonly PrefixedKind[] {
  return [
    ...["tp_btf"].map((prefix) => ({ prefix, kind: measured("tracing", "tp_btf/sched_switch", "tp_btf") })),
    ...["iter", "iter.s"].map((prefix) => ({ prefix, kind: measured("tracing", "iter/task", "iter") })),
    ...["fentry", "fentry.s"].map((prefix) => ({
      prefix,
      kind: measured("tracing", "fentry/do_unlinkat", "fentry"),
    })),
    ...["fexit", "fexit.s"].map((prefix) => ({
      prefix,
      kind: measured("tracing", "fexit/do_unlinkat", "fexit"),
    })),
    ...["fmod_ret", "fmod_ret.s"].map((prefix) => ({
      prefix,
      kind: measured("tracing", "fmod_ret/security_file_open", "modify_return"),
    })),
    ...["lsm", "lsm.s"].map((prefix) => ({ prefix, kind: measured("lsm", "lsm/file_open", "lsm_mac") })),
    { prefix: "lsm_cgroup", kind: measured("lsm", "lsm_cgroup/file_open", "lsm_cgroup") },
  ];
}

interface PrefixedKind {
  readonly prefix: string;
  readonly kind: ProgramKind;
}

/**
 * The section tables, built on first use: at module load they would be side effects that keep
 * them (and the measured rules) in every bundle importing this module, the app's main thread's too.
 */
let tables: {
  exact: Readonly<Record<string, ProgramKind>>;
  tracing: readonly PrefixedKind[];
  btf: readonly PrefixedKind[];
} | null = null;

function sectionTables() {
  tables ??= { exact: exactSections(), tracing: tracingSections(), btf: btfSections() };
  return tables;
}

/** The program kind a section names, or null (libbpf: "failed to guess program type from ELF section …"). */
export function programKindOf(section: string): ProgramKind | null {
  const name = section.startsWith("?") ? section.slice(1) : section;
  const { exact: exactKinds, tracing, btf } = sectionTables();
  const exact = exactKinds[name];
  if (exact) return exact;
  if (name.startsWith("struct_ops/")) return STRUCT_OPS;
  const typed = btf.find(({ prefix }) => name.startsWith(`${prefix}/`));
  if (typed) return { ...typed.kind, target: name.slice(typed.prefix.length + 1) };
  return tracing.find(({ prefix }) => name === prefix || name.startsWith(`${prefix}/`))?.kind ?? null;
}

/**
 * Section names libbpf 1.x knows for program types Tailscope does not model yet, to say so
 * instead of libbpf's "failed to guess" (which libbpf would not say): exact names, and
 * prefixes followed by a slash and a target.
 */
const unmodelledExact: Readonly<Record<string, string>> = {
  // Not built into this kernel (CONFIG_BPF_LIRC_MODE2): the kernel refuses the type as well.
  lirc_mode2: "lirc_mode2",
};
const unmodelledPrefixes: Readonly<Record<string, string>> = {};

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
    section === ".struct_ops" ||
    /^\.(bss|data|rodata)(\..*)?$/.test(section)
  );
}
