import { E2BIG, EINVAL, EOPNOTSUPP } from "../../target/errno";
import type { MapSnapshot, MapSpec } from "./map";
import { UnlistedMap } from "./unlisted";

/** bpf_perf_event_output's flags: the CPU index (BPF_F_CURRENT_CPU for the running one), a context length. */
const BPF_F_INDEX_MASK = 0xffff_ffffn;
export const BPF_F_CURRENT_CPU = BPF_F_INDEX_MASK;
const BPF_F_CTXLEN_MASK = 0xf_ffffn << 32n;

/**
 * BPF_MAP_TYPE_PERF_EVENT_ARRAY (kernel/trace/bpf_trace.c, bpf_perf_event_output): a slot per
 * CPU for a perf event user space opened there. Tailscope's user space has one open on every
 * CPU, as libbpf's perf_buffer does, so output on the running CPU lands; another CPU's slot is
 * -EOPNOTSUPP (its event is not on this CPU), one past max_entries -E2BIG. A sample's raw data
 * is padded with zeros so that it and its 4-byte size end on 8 bytes, as user space reads it.
 */
export class PerfEventArrayMap extends UnlistedMap {
  private records: { packet: number; bytes: Uint8Array }[] = [];

  constructor(spec: MapSpec) {
    super(spec, EINVAL);
  }

  /** The flags' context length: packet bytes appended after the data (skb and XDP programs). */
  static contextLength(flags: bigint): number {
    return Number((flags & BPF_F_CTXLEN_MASK) >> 32n);
  }

  output(packet: number, cpu: number, flags: bigint, bytes: Uint8Array): number {
    if (flags & ~(BPF_F_INDEX_MASK | BPF_F_CTXLEN_MASK)) return -EINVAL;
    const index = flags & BPF_F_INDEX_MASK;
    const slot = index === BPF_F_CURRENT_CPU ? cpu : Number(index);
    if (slot >= this.spec.maxEntries) return -E2BIG;
    if (slot !== cpu) return -EOPNOTSUPP;
    const raw = Math.ceil((bytes.length + 4) / 8) * 8 - 4;
    const sample = new Uint8Array(raw);
    sample.set(bytes);
    this.records.push({ packet, bytes: sample });
    return 0;
  }

  /** The packet's samples, read by user space as the packet ends. */
  drain(packet: number): Uint8Array[] {
    const mine = this.records.filter((r) => r.packet === packet).map((r) => r.bytes);
    this.records = this.records.filter((r) => r.packet !== packet);
    return mine;
  }

  snapshot(): MapSnapshot {
    return { kind: "perf", state: null };
  }

  restore(): void {
    this.records = [];
  }
}
