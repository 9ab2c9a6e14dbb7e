import type { ProgramType } from "../loader/sections";
import { SIZEOF_SK_BUFF, SIZEOF_XDP_MD } from "../target/kernel";
import { derivedFields, writeContextFields, writeDummySocket } from "./context";
import { forgetAllPointers, PACKET_SLOT, type Pointer, type Region, region } from "./memory";

/** `struct __sk_buff` member offsets (include/uapi/linux/bpf.h; kernel-facts.md §3.2). */
export const skbOffsets: Readonly<Record<string, number>> = {
  len: 0,
  pkt_type: 4,
  mark: 8,
  queue_mapping: 12,
  protocol: 16,
  vlan_present: 20,
  vlan_tci: 24,
  vlan_proto: 28,
  priority: 32,
  ingress_ifindex: 36,
  ifindex: 40,
  tc_index: 44,
  hash: 68,
  tc_classid: 72,
  data: 76,
  data_end: 80,
  napi_id: 84,
  family: 88,
  remote_ip4: 92,
  local_ip4: 96,
  remote_port: 132,
  local_port: 136,
  data_meta: 140,
  sk: 168,
};
export const xdpOffsets: Readonly<Record<string, number>> = {
  data: 0,
  data_end: 4,
  data_meta: 8,
  ingress_ifindex: 12,
  rx_queue_index: 16,
  egress_ifindex: 20,
};

/** Context fields that hold pointers (shown by what they point to, not as numbers). */
const pointerFields = new Set(["data", "data_end", "data_meta", "sk"]);

/**
 * The context's u32 fields as a program reads them now (a write to `mark` or `cb[]` shows),
 * by name; `struct xdp_md` when the context is one.
 */
export function contextFields(context: Region): Record<string, number> {
  const offsets = context.name === "struct xdp_md" ? xdpOffsets : skbOffsets;
  const fields: Record<string, number> = {};
  for (const [name, offset] of Object.entries(offsets)) {
    if (pointerFields.has(name) || offset + 4 > context.size) continue;
    fields[name] = context.view.getUint32(context.start + offset, true);
  }
  if (context.name !== "struct xdp_md")
    for (let i = 0; i < 5; i++) fields[`cb[${i}]`] = context.view.getUint32(context.start + 48 + 4 * i, true);
  return fields;
}

const noPointers: ReadonlyMap<number, Pointer> = new Map();

/** A packet region of one size, and the context fields that point into it. */
interface PacketPlace {
  readonly packet: Region;
  readonly pointers: Map<number, Pointer>;
}

/**
 * The context region and its packet pointers, as BPF_PROG_TEST_RUN sets them up. The regions
 * are made once per machine and refilled for each packet: the verifier lets no program keep a
 * context or packet pointer past its run (they cannot be stored in maps), so nothing sees the
 * reuse, and a million packets do not mean a million allocations.
 */
export class ContextBuilder {
  private readonly xdp: boolean;
  private readonly offsets: Readonly<Record<string, number>>;
  /** Each derived field's offset in this context struct (by field number), -1 where it has none. */
  private readonly fieldOffsets: Int32Array;
  private readonly context: Region;
  private readonly socket: Region;
  private readonly packets = new Map<number, PacketPlace>();
  private lastPacket: PacketPlace | null = null;
  /** Bytes of the last frame before skb->data: its MAC header for a type that starts past it. */
  dataStart = 0;

  constructor(private readonly type: ProgramType) {
    this.xdp = type === "xdp";
    this.offsets = this.xdp ? xdpOffsets : skbOffsets;
    this.fieldOffsets = Int32Array.from(derivedFields, (name) => this.offsets[name] ?? -1);
    const size = this.xdp ? SIZEOF_XDP_MD : SIZEOF_SK_BUFF;
    this.context = region("context", this.xdp ? "struct xdp_md" : "struct __sk_buff", new Uint8Array(size));
    this.socket = region("context", "struct bpf_sock", new Uint8Array(80), 0, 80, false);
  }

  /** The context region, refilled by each `build`. */
  get region(): Region {
    return this.context;
  }

  /** The context fields that point into the packet, as of the last `build`. */
  get packetPointers(): ReadonlyMap<number, Pointer> {
    return this.lastPacket?.pointers ?? noPointers;
  }

  /** Refills the context and packet regions from a frame (read them as `region` and `packetPointers`). */
  build(frame: Uint8Array): void {
    const context = this.context;
    context.bytes.fill(0);
    forgetAllPointers(context);
    const dataStart = writeContextFields(frame, this.type, context, this.fieldOffsets);
    this.dataStart = dataStart;
    if (!this.xdp) this.refillSocket(frame);
    const packet = this.packetRegion(frame.length - dataStart).packet;
    // The whole frame in one copy (a memcpy in V8), into a buffer whose packet region starts
    // at `data`: a loop over the bytes, even four at a time, cost more than the rest of
    // building the context (callgrind), and a view of the frame from `data` on, made per
    // packet, was garbage enough to raise a million-packet run's peak memory by 9 MB.
    packet.bytes.set(frame, packet.start - dataStart);
  }

  /** The IPv4 frame header the socket was last filled from: generated packets mostly repeat it. */
  private socketFrom = { etherType: -1, source: 0, destination: 0 };

  /** The socket behind skb->sk for this frame, rewritten only when the frame's IP header differs. */
  private refillSocket(frame: Uint8Array): void {
    const etherType = (frame[12] << 8) | frame[13];
    const last = this.socketFrom;
    if (etherType === 0x0800 && frame.length >= 34) {
      const source = frame[26] | (frame[27] << 8) | (frame[28] << 16) | (frame[29] << 24);
      const destination = frame[30] | (frame[31] << 8) | (frame[32] << 16) | (frame[33] << 24);
      if (last.etherType === etherType && last.source === source && last.destination === destination) return;
      last.source = source;
      last.destination = destination;
    }
    last.etherType = etherType === 0x0800 && frame.length >= 34 ? etherType : -1;
    writeDummySocket(frame, this.socket.view);
  }

  private packetRegion(length: number) {
    // Generated packets are all one size: skip the map lookup when this one is too.
    const last = this.lastPacket;
    if (last !== null && last.packet.size === length) return last;
    let entry = this.packets.get(length);
    if (!entry) {
      // Room for the bytes before `data` too (the MAC header of a type that starts past it):
      // the frame is copied whole, and the region is the part from `data` on.
      const before = this.dataStart;
      const packet = region("packet", "packet data", new Uint8Array(before + length), before, length);
      packet.mapSlot = PACKET_SLOT;
      const offsets = this.offsets;
      const pointers = new Map<number, Pointer>([
        [offsets.data, { region: packet, offset: 0 }],
        [offsets.data_end, { region: packet, offset: packet.size }],
        [offsets.data_meta, { region: packet, offset: 0 }],
      ]);
      // The test run attaches a dummy socket; `ctx->sk` is a non-NULL pointer to it.
      if (!this.xdp) pointers.set(skbOffsets.sk, { region: this.socket, offset: 0 });
      entry = { packet, pointers };
      this.packets.set(length, entry);
    }
    this.lastPacket = entry;
    return entry;
  }
}
