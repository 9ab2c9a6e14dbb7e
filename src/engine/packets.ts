import { SeededRandom } from "./random";

export type PacketTemplate = "ipv4-udp" | "ipv4-tcp" | "ipv6-udp";
export type CpuPolicy = "round-robin" | "random" | "flow";

export interface PacketGenerator {
  readonly count: number;
  readonly cpu: CpuPolicy;
  readonly seed: number;
  readonly template: PacketTemplate;
  readonly size?: number;
}

/** One packet of the stream: the whole frame from the Ethernet header, and the CPU it arrives on. */
export interface Packet {
  readonly cpu: number;
  readonly bytes: Uint8Array;
}

/** Frame sizes of kernel-facts.md §10.1's test frames: 64-byte IPv4/UDP, 54-byte IPv4/TCP, 100-byte IPv6/UDP. */
const defaultSizes: Record<PacketTemplate, number> = { "ipv4-udp": 64, "ipv4-tcp": 54, "ipv6-udp": 100 };
const headerSizes: Record<PacketTemplate, number> = { "ipv4-udp": 42, "ipv4-tcp": 54, "ipv6-udp": 62 };

const ETH_P_IP = 0x0800;
const ETH_P_IPV6 = 0x86dd;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

function put16(frame: Uint8Array, at: number, value: number): void {
  frame[at] = (value >> 8) & 0xff;
  frame[at + 1] = value & 0xff;
}

function put32(frame: Uint8Array, at: number, value: number): void {
  put16(frame, at, value >>> 16);
  put16(frame, at + 2, value & 0xffff);
}

/** The Internet checksum (RFC 1071) over a header. */
function checksum(bytes: Uint8Array, from: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 2) sum += (bytes[from + i] << 8) | (bytes[from + i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * A frame like the kernel test runs use: destination MAC 02:00:00:00:00:02, source
 * 02:00:00:00:00:01; IPv4 10.0.0.1 → 10.0.0.2 or IPv6 fd00::1 → fd00::2; the source port
 * varies by flow so flows can be told apart, the destination port is 53 (UDP) or 80 (TCP).
 */
export function buildFrame(
  template: PacketTemplate,
  sourcePort: number,
  size = defaultSizes[template],
): Uint8Array {
  const frame = new Uint8Array(Math.max(size, headerSizes[template]));
  frame.set([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01], 0);
  if (template === "ipv6-udp") {
    put16(frame, 12, ETH_P_IPV6);
    frame[14] = 0x60;
    put16(frame, 18, frame.length - 54);
    frame[20] = IPPROTO_UDP;
    frame[21] = 64;
    frame.set([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 22);
    frame.set([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 38);
    put16(frame, 54, sourcePort);
    put16(frame, 56, 53);
    put16(frame, 58, frame.length - 54);
    return frame;
  }
  put16(frame, 12, ETH_P_IP);
  frame[14] = 0x45;
  put16(frame, 16, frame.length - 14);
  put16(frame, 18, 1);
  put16(frame, 20, 0x4000);
  frame[22] = 64;
  frame[23] = template === "ipv4-tcp" ? IPPROTO_TCP : IPPROTO_UDP;
  frame.set([10, 0, 0, 1, 10, 0, 0, 2], 26);
  put16(frame, 24, checksum(frame, 14, 20));
  put16(frame, 34, sourcePort);
  if (template === "ipv4-tcp") {
    put16(frame, 36, 80);
    put32(frame, 38, 1);
    frame[46] = 0x50;
    frame[47] = 0x02;
    put16(frame, 48, 65535);
  } else {
    put16(frame, 36, 53);
    put16(frame, 38, frame.length - 34);
  }
  return frame;
}

/** A 32-bit hash of the flow's ports and addresses, standing in for the NIC's RSS hash. */
function flowHash(frame: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 26; i < Math.min(frame.length, 38); i++) h = Math.imul(h ^ frame[i], 0x01000193);
  return h >>> 0;
}

/** Flows a generator draws from: source ports 1024 to 61023. */
const FLOWS = 60000;
const FIRST_PORT = 1024;

/**
 * The frames of a generator's flows. Flows differ only in the source port (no checksum covers
 * it: the IPv4 header checksum does not, and UDP's and TCP's are left zero), so each frame is
 * the template with two bytes changed.
 */
class FlowFrames {
  private readonly template: PacketTemplate;
  private readonly size: number | undefined;
  private readonly kept = new Array<Uint8Array | undefined>(FLOWS);
  private readonly scratch: Uint8Array;
  private readonly portAt: number;

  constructor(generator: PacketGenerator) {
    this.template = generator.template;
    this.size = generator.size;
    this.scratch = buildFrame(generator.template, FIRST_PORT, generator.size);
    this.portAt = generator.template === "ipv6-udp" ? 54 : 34;
  }

  /** The flow's own frame, shared by its packets (frames are never written: a run copies the bytes). */
  shared(flow: number): Uint8Array {
    let bytes = this.kept[flow];
    if (!bytes) {
      bytes = buildFrame(this.template, FIRST_PORT + flow, this.size);
      this.kept[flow] = bytes;
    }
    return bytes;
  }

  /**
   * The flow's frame in one buffer the next call rewrites: a stream of a million packets reads
   * the same 64 bytes, always in the CPU's cache, where 60,000 frames picked at random were a
   * cache miss per packet.
   */
  transient(flow: number): Uint8Array {
    put16(this.scratch, this.portAt, FIRST_PORT + flow);
    return this.scratch;
  }
}

/** Picks each packet's flow, then its CPU, in order, as the generator's seed and policy say. */
class PacketChooser {
  private readonly random: SeededRandom;
  /** The round-robin CPU of the next packet: its index modulo the CPUs, counted without a division. */
  private nextInTurn = 0;

  constructor(
    private readonly generator: PacketGenerator,
    private readonly cpus: number,
  ) {
    this.random = new SeededRandom(generator.seed);
  }

  nextFlow(): number {
    return this.random.below(FLOWS);
  }

  /** The CPU of the packet whose flow was just drawn. */
  cpuFor(bytes: Uint8Array): number {
    const policy = this.generator.cpu;
    if (policy === "round-robin") {
      const cpu = this.nextInTurn;
      this.nextInTurn = cpu + 1 === this.cpus ? 0 : cpu + 1;
      return cpu;
    }
    return policy === "random" ? this.random.below(this.cpus) : flowHash(bytes) % this.cpus;
  }
}

/**
 * The packet stream a generator describes, each packet on a CPU chosen by its policy. Packets
 * of the same flow (source port) share one frame, so a million packets need at most 60,000.
 */
export function generatePackets(generator: PacketGenerator, cpus: number): Packet[] {
  const frames = new FlowFrames(generator);
  const chooser = new PacketChooser(generator, cpus);
  return Array.from({ length: generator.count }, () => {
    const bytes = frames.shared(chooser.nextFlow());
    return { cpu: chooser.cpuFor(bytes), bytes };
  });
}

/** Packets made one at a time, in order: a run that needs each only once holds none of them. */
export interface PacketStream {
  readonly count: number;
  /**
   * The next packet; call it `count` times. The packet and its bytes are valid until the call
   * after (copy them to keep them): a stream refills one packet.
   */
  next(): Packet;
  /**
   * Goes back so that `next` gives packet `index` again, when the stream still holds it; false
   * when it does not (a plain stream holds none).
   */
  rewind?(index: number): boolean;
}

/** The same packets as `generatePackets`, made as they are asked for, each in the same packet. */
export function streamPackets(generator: PacketGenerator, cpus: number): PacketStream {
  return windowedPackets(generator, cpus, 0);
}

/**
 * The same packets again, the first `held` of them kept (a recording goes back to them), the rest
 * made as they are asked for, each in the same packet (valid until the next call), and not kept:
 * a run of ten million packets holds a window of them.
 * Once the stream has gone past what it keeps, it cannot go back and then forward again.
 */
export function windowedPackets(generator: PacketGenerator, cpus: number, held: number): PacketStream {
  const frames = new FlowFrames(generator);
  const chooser = new PacketChooser(generator, cpus);
  const kept: Packet[] = [];
  const transient = { cpu: 0, bytes: frames.transient(0) };
  let made = 0;
  let position = 0;
  return {
    count: generator.count,
    next: () => {
      if (position < kept.length) return kept[position++];
      if (position !== made)
        throw new Error(`packet ${position} is past the packets kept, and was made already`);
      made++;
      position++;
      const flow = chooser.nextFlow();
      if (kept.length < held) {
        const bytes = frames.shared(flow);
        const packet = { cpu: chooser.cpuFor(bytes), bytes };
        kept.push(packet);
        return packet;
      }
      transient.bytes = frames.transient(flow);
      transient.cpu = chooser.cpuFor(transient.bytes);
      return transient;
    },
    rewind: (index: number) => {
      // Back to a kept packet, or to just past them (a recording's last checkpoint); `next`
      // refuses a packet made before and not kept.
      if (index > kept.length) return false;
      position = index;
      return true;
    },
  };
}
