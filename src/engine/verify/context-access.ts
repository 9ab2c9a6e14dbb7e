import type { MeasuredType, ProgramKind, ProgramType } from "../loader/sections";
import { btfContextAccess, btfTyped } from "../target/btf-context";
import { SIZEOF_SK_BUFF, SIZEOF_XDP_MD } from "../target/kernel";
import { measuredContextAccess } from "../target/kind-rules";
import type { CType } from "../types/ctypes";
import type { AbsValue } from "./abstract-values";

/** Sizes of the tracing types' contexts (x86-64; include/linux/trace_events.h, include/linux/bpf.h). */
const SIZEOF_PT_REGS = 168;
const PERF_MAX_TRACE_SIZE = 8192;
const MAX_BPF_FUNC_ARGS = 12;

/** `struct __sk_buff` fields by offset and size (include/uapi/linux/bpf.h). */
const skbFields: readonly { name: string; off: number; size: number }[] = [
  { name: "len", off: 0, size: 4 },
  { name: "pkt_type", off: 4, size: 4 },
  { name: "mark", off: 8, size: 4 },
  { name: "queue_mapping", off: 12, size: 4 },
  { name: "protocol", off: 16, size: 4 },
  { name: "vlan_present", off: 20, size: 4 },
  { name: "vlan_tci", off: 24, size: 4 },
  { name: "vlan_proto", off: 28, size: 4 },
  { name: "priority", off: 32, size: 4 },
  { name: "ingress_ifindex", off: 36, size: 4 },
  { name: "ifindex", off: 40, size: 4 },
  { name: "tc_index", off: 44, size: 4 },
  { name: "cb", off: 48, size: 20 },
  { name: "hash", off: 68, size: 4 },
  { name: "tc_classid", off: 72, size: 4 },
  { name: "data", off: 76, size: 4 },
  { name: "data_end", off: 80, size: 4 },
  { name: "napi_id", off: 84, size: 4 },
  { name: "family", off: 88, size: 4 },
  { name: "remote_ip4", off: 92, size: 4 },
  { name: "local_ip4", off: 96, size: 4 },
  { name: "remote_ip6", off: 100, size: 16 },
  { name: "local_ip6", off: 116, size: 16 },
  { name: "remote_port", off: 132, size: 4 },
  { name: "local_port", off: 136, size: 4 },
  { name: "data_meta", off: 140, size: 4 },
  { name: "flow_keys", off: 144, size: 8 },
  { name: "tstamp", off: 152, size: 8 },
  { name: "wire_len", off: 160, size: 4 },
  { name: "gso_segs", off: 164, size: 4 },
  { name: "sk", off: 168, size: 8 },
  { name: "gso_size", off: 176, size: 4 },
  { name: "tstamp_type", off: 180, size: 1 },
  { name: "hwtstamp", off: 184, size: 8 },
];

/** Fields each program type may write (net/core/filter.c, `*_is_valid_access`). */
type SkbType = Exclude<ProgramType, MeasuredType>;

const writable: Readonly<Record<SkbType, ReadonlySet<string>>> = {
  cgroup_skb: new Set(["mark", "priority", "cb", "tstamp"]),
  sched_cls: new Set(["mark", "tc_index", "priority", "cb", "tc_classid", "tstamp", "queue_mapping"]),
  socket_filter: new Set(["cb"]),
  xdp: new Set(),
  kprobe: new Set(),
  tracepoint: new Set(),
  raw_tracepoint: new Set(),
};

/** Fields a program type may not even read. */
const unreadable: Readonly<Record<SkbType, ReadonlySet<string>>> = {
  cgroup_skb: new Set(["tc_classid", "data_meta", "flow_keys", "wire_len"]),
  sched_cls: new Set(["flow_keys"]),
  socket_filter: new Set([
    "data",
    "data_end",
    "data_meta",
    "tc_classid",
    "flow_keys",
    "tstamp",
    "wire_len",
    "hwtstamp",
  ]),
  xdp: new Set(),
  kprobe: new Set(),
  tracepoint: new Set(),
  raw_tracepoint: new Set(),
};

/**
 * The tracing types' contexts are not packets (kernel/trace/bpf_trace.c): a kprobe's is the
 * registers (`struct pt_regs`, 168 bytes on x86-64), a tracepoint's the event's record (up to
 * PERF_MAX_TRACE_SIZE, past its 8 bytes of common fields), a raw tracepoint's the event's
 * arguments (12 of 8 bytes). Only aligned reads, never writes.
 */
const tracingContext: Partial<Record<ProgramType, { readonly from: number; readonly to: number }>> = {
  kprobe: { from: 0, to: SIZEOF_PT_REGS },
  tracepoint: { from: 8, to: PERF_MAX_TRACE_SIZE },
  raw_tracepoint: { from: 0, to: 8 * MAX_BPF_FUNC_ARGS },
};

/**
 * Whether a context access is one the verifier allows (`bpf_skb_is_valid_access` and the
 * program type's own check): inside the struct, aligned to its size, to a field the type may
 * read or write. The kernel's answer is `invalid bpf_context access off=%d size=%d`.
 */
export function contextAccessAllowed(kind: ProgramKind, off: number, size: number, write: boolean): boolean {
  if (btfTyped(kind)) return btfContextAccess(kind, off, size, write);
  if (kind.measured) return off >= 0 && measuredContextAccess(kind.measured, off, size, write);
  const type = kind.type as SkbType;
  const tracing = tracingContext[type];
  if (tracing) return !write && off >= tracing.from && off + size <= tracing.to && off % size === 0;
  if (type === "xdp") return !write && off >= 0 && off + size <= SIZEOF_XDP_MD && off % size === 0;
  if (off < 0 || off + size > SIZEOF_SK_BUFF || off % size !== 0) return false;
  const field = skbFields.find((f) => off >= f.off && off < f.off + f.size);
  if (!field || off + size > field.off + field.size) return false;
  if (write) return writable[type].has(field.name);
  return !unreadable[type].has(field.name);
}

/**
 * Where the measured types' contexts hold packet pointers (include/uapi/linux/bpf.h): those
 * over `struct __sk_buff` at its data and data_end, the others at their own fields.
 */
const packetFields: Partial<Record<ProgramType, readonly [data: number, dataEnd: number]>> = {
  sk_skb: [76, 80],
  lwt_in: [76, 80],
  lwt_out: [76, 80],
  lwt_xmit: [76, 80],
  lwt_seg6local: [76, 80],
  flow_dissector: [76, 80],
  sk_msg: [0, 8],
  sock_ops: [192, 200],
  cgroup_sockopt: [8, 16],
  sched_act: [76, 80],
  sk_reuseport: [0, 8],
  xdp_devmap: [0, 4],
  xdp_cpumap: [0, 4],
};

/**
 * Context fields that hold packet pointers, by offset: data, data_end, and data_meta (the
 * kernel's pkt_meta: the metadata before data, which XDP and tc programs may read).
 */
export function packetPointerField(
  kind: ProgramKind,
  off: number,
): "packet" | "packet_end" | "packet_meta" | null {
  const type = kind.type;
  if (kind.measured) {
    const fields = packetFields[type];
    return fields?.[0] === off ? "packet" : fields?.[1] === off ? "packet_end" : null;
  }
  if (tracingContext[type]) return null;
  if (type === "xdp")
    return off === 0 ? "packet" : off === 4 ? "packet_end" : off === 8 ? "packet_meta" : null;
  if (type === "sched_cls" && off === 140) return "packet_meta";
  return off === 76 ? "packet" : off === 80 ? "packet_end" : null;
}

/** Types whose context is `struct __sk_buff` with its `sk` pointer (sock_common_or_null). */
export function hasSkbSocket(type: ProgramType): boolean {
  return type === "cgroup_skb" || type === "sched_cls" || type === "socket_filter";
}

/** The context struct a program of each runnable type gets (the others are checked by BTF or measured rules). */
export function contextStructOf(type: string): string | null {
  if (type === "xdp") return "xdp_md";
  return ["cgroup_skb", "sched_cls", "socket_filter", "sched_act"].includes(type) ? "__sk_buff" : null;
}

/**
 * A function's pointer to the program's own context struct (`struct __sk_buff *skb` in a tc
 * program's helper function): the context, as the kernel has it whether it follows the call
 * with the caller's registers (a static function) or types the argument from BTF (a global
 * one). An inlined helper is part of its caller, where the pointer is the context too.
 */
export function contextArgument(kind: ProgramKind | null, isEntry: boolean, type: CType): AbsValue | null {
  if (isEntry || !kind || type.kind !== "pointer" || type.to.kind !== "record") return null;
  return type.to.record.tag === contextStructOf(kind.type) ? { kind: "ctx", off: 0 } : null;
}
