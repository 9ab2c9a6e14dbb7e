import { EINVAL } from "../../target/errno";
import { type Region, region } from "../memory";
import type { MapSnapshot, MapSpec } from "./map";
import { UnlistedMap } from "./unlisted";

/** BPF_RINGBUF_HDR_SZ: each record's header, before its bytes (include/uapi/linux/bpf.h). */
const RECORD_HEADER = 8;
/** bpf_ringbuf_output/submit wake-up flags: BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP. */
const WAKEUP_FLAGS = 3n;
/** ENOTSUPP (kernel-internal 524): what a ring buffer answers a lookup, update or delete. */
const ENOTSUPP = 524;
/** EAGAIN: bpf_ringbuf_output finds no room. */
const EAGAIN = 11;

/** bpf_ringbuf_query's flags. */
const BPF_RB_AVAIL_DATA = 0n;
const BPF_RB_RING_SIZE = 1n;
const BPF_RB_CONS_POS = 2n;
const BPF_RB_PROD_POS = 3n;

interface RingRecord {
  /** The packet that reserved it: its records go to user space when it ends. */
  readonly packet: number;
  readonly bytes: Uint8Array;
  /** Its place in the ring: header and bytes, rounded up to 8. */
  readonly length: number;
  state: "reserved" | "submitted" | "discarded";
}

/** The ring buffer a reserved record belongs to, for bpf_ringbuf_submit and _discard. */
const owners = new WeakMap<Region, { ring: RingBufMap; record: RingRecord }>();

/**
 * BPF_MAP_TYPE_RINGBUF (kernel/bpf/ringbuf.c): records reserved and submitted (or output in one
 * go) in a ring of max_entries bytes that user space reads. A record takes its bytes and an
 * 8-byte header, rounded up to 8; a reservation fails when the unread records and it would fill
 * the ring (more than max_entries - 1 bytes). Tailscope's user space reads a packet's records
 * when the packet ends, in the order they were reserved, skipping discarded ones, as a libbpf
 * ring_buffer__consume after each test run does.
 */
export class RingBufMap extends UnlistedMap {
  private records: RingRecord[] = [];
  /** Bytes produced since the map was made (the producer position); what was read is before `consumed`. */
  private produced = 0;
  private consumed = 0;

  constructor(spec: MapSpec) {
    super(spec, ENOTSUPP);
  }

  /** bpf_ringbuf_reserve: `size` bytes of a new record, or null (flags other than 0, or no room). */
  reserve(packet: number, size: number, flags: bigint): Region | null {
    if (flags !== 0n) return null;
    const length = Math.ceil((size + RECORD_HEADER) / 8) * 8;
    if (length > this.spec.maxEntries) return null;
    if (this.produced + length - this.consumed > this.spec.maxEntries - 1) return null;
    const record: RingRecord = { packet, bytes: new Uint8Array(size), length, state: "reserved" };
    this.records.push(record);
    this.produced += length;
    const memory = region("map-value", `${this.spec.name} record`, record.bytes);
    owners.set(memory, { ring: this, record });
    return memory;
  }

  /** bpf_ringbuf_output: a record of these bytes, reserved and submitted at once; 0, -EAGAIN or -EINVAL. */
  output(packet: number, bytes: Uint8Array, flags: bigint): number {
    if (flags & ~WAKEUP_FLAGS) return -EINVAL;
    const memory = this.reserve(packet, bytes.length, 0n);
    if (!memory) return -EAGAIN;
    memory.bytes.set(bytes);
    RingBufMap.commit(memory, false);
    return 0;
  }

  /** bpf_ringbuf_submit / bpf_ringbuf_discard of a reserved record (the verifier ensures it is one). */
  static commit(memory: Region, discard: boolean): boolean {
    const owner = owners.get(memory);
    if (!owner || owner.record.state !== "reserved") return false;
    owner.record.state = discard ? "discarded" : "submitted";
    return true;
  }

  /** bpf_ringbuf_query: unread bytes, the ring's size, or the consumer's or producer's position. */
  query(flags: bigint): bigint {
    if (flags === BPF_RB_AVAIL_DATA) return BigInt(this.produced - this.consumed);
    if (flags === BPF_RB_RING_SIZE) return BigInt(this.spec.maxEntries);
    if (flags === BPF_RB_CONS_POS) return BigInt(this.consumed);
    if (flags === BPF_RB_PROD_POS) return BigInt(this.produced);
    return 0n;
  }

  /** The packet's submitted records, read by user space as the packet ends; their room is freed. */
  drain(packet: number): Uint8Array[] {
    const mine = this.records.filter((r) => r.packet === packet);
    this.records = this.records.filter((r) => r.packet !== packet);
    for (const record of mine) this.consumed += record.length;
    return mine.filter((r) => r.state === "submitted").map((r) => r.bytes.slice());
  }

  snapshot(): MapSnapshot {
    return { kind: "ringbuf", state: { produced: this.produced, consumed: this.consumed } };
  }

  restore(snapshot: MapSnapshot): void {
    const state = snapshot.state as { produced: number; consumed: number };
    this.records = [];
    this.produced = state.produced;
    this.consumed = state.consumed;
  }
}
