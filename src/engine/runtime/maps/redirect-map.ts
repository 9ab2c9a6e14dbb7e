import { toHex } from "../../target/bytes";
import { E2BIG, EEXIST, EINVAL, ENOENT } from "../../target/errno";
import { BPF_EXIST, BPF_NOEXIST } from "../../target/kernel";
import { type Region, region } from "../memory";
import { compareBytes, keyIndex, type MapEntry, type MapImpl, type MapSnapshot, type MapSpec } from "./map";

/** ENODEV: a CPU map slot for a CPU the machine does not have. */
const ENODEV = 19;
/** EBADF: an XSK map's value is an AF_XDP socket's fd, and user space has none here. */
const EBADF = 9;
/** The network devices of Tailscope's simulated host, by ifindex: loopback, as on every host. */
const DEVICES: ReadonlySet<number> = new Set([1]);
/** EOVERFLOW: a CPU map queue larger than cpu_map_update_elem allows. */
const EOVERFLOW = 75;
/** cpu_map_update_elem's largest queue. */
const MAX_CPU_QUEUE = 16384;

export type RedirectKind = "devmap" | "devmap_hash" | "cpumap" | "xskmap";

/**
 * The maps bpf_redirect_map sends a frame to (kernel/bpf/devmap.c, cpumap.c, xskmap.c): a
 * device by ifindex, a CPU with its queue size, or an AF_XDP socket. User space fills them, the
 * kernel checking what it is given (a device that exists, a CPU the machine has, a socket fd);
 * a program may look a device up but not change one. DEVMAP_HASH is keyed by any u32, the
 * others by index below max_entries.
 */
export class RedirectMap implements MapImpl {
  readonly perCpu = false;
  private slots = new Map<string, { key: Uint8Array; value: Uint8Array; region: Region }>();

  constructor(
    readonly spec: MapSpec,
    private readonly kind: RedirectKind,
    private readonly cpus: number,
  ) {}

  /** Whether a slot holds a target: what bpf_redirect_map asks. */
  has(key: number): boolean {
    return this.slots.has(
      toHex(Uint8Array.of(key & 0xff, (key >>> 8) & 0xff, (key >>> 16) & 0xff, key >>> 24)),
    );
  }

  /** A program's lookup: a device map's entry (read-only to it); the others answer nothing. */
  lookup(key: Uint8Array): Region | null {
    if (this.kind !== "devmap" && this.kind !== "devmap_hash") return null;
    return this.slots.get(toHex(key.subarray(0, 4)))?.region ?? null;
  }

  update(): number {
    return -EINVAL;
  }

  delete(): number {
    return -EINVAL;
  }

  /** The kernel's update of each kind, its checks in its order; a zero target empties a slot. */
  userUpdate(key: Uint8Array, value: Uint8Array, flags: bigint): number {
    const index = keyIndex(key);
    const id = toHex(key.subarray(0, 4));
    const target = (value[0] | (value[1] << 8) | (value[2] << 16) | (value[3] << 24)) >>> 0;
    const exists = this.slots.has(id);
    if (flags > BPF_EXIST || (this.kind === "devmap_hash" && target === 0)) return -EINVAL;
    if (this.kind === "devmap_hash") {
      if (exists && flags & BPF_NOEXIST) return -EEXIST;
      if (!DEVICES.has(target)) return -EINVAL;
      if (!exists && this.slots.size >= this.spec.maxEntries) return -E2BIG;
      return this.store(id, key, value);
    }
    if (index >= this.spec.maxEntries) return -E2BIG;
    if (this.kind === "xskmap") return -EBADF;
    if (flags === BPF_NOEXIST) return -EEXIST;
    if (this.kind === "cpumap") {
      if (target > MAX_CPU_QUEUE) return -EOVERFLOW;
      if (index >= this.cpus) return -ENODEV;
    } else if (target !== 0 && !DEVICES.has(target)) return -EINVAL;
    if (target === 0) {
      this.slots.delete(id);
      return 0;
    }
    return this.store(id, key, value);
  }

  private store(id: string, key: Uint8Array, value: Uint8Array): number {
    const stored = new Uint8Array(this.spec.valueSize);
    stored.set(value.subarray(0, 4));
    const held = region("map-value", `${this.spec.name}[${id}]`, stored, 0, stored.length, false);
    held.mapSlot = { map: this.spec.name, key: id, cpu: null };
    this.slots.set(id, { key: key.slice(0, 4), value: stored, region: held });
    return 0;
  }

  userDelete(key: Uint8Array): number {
    const index = keyIndex(key);
    if (this.kind !== "devmap_hash" && index >= this.spec.maxEntries) return -EINVAL;
    const existed = this.slots.delete(toHex(key.subarray(0, 4)));
    return existed || this.kind !== "devmap_hash" ? 0 : -ENOENT;
  }

  entries(): MapEntry[] {
    return [...this.slots.values()]
      .sort((a, b) => keyIndex(a.key) - keyIndex(b.key) || compareBytes(a.key, b.key))
      .map((slot) => ({ key: slot.key.slice(), values: [slot.value.slice()] }));
  }

  omitted(): number {
    return 0;
  }

  snapshot(): MapSnapshot {
    return { kind: "redirect", state: [...this.slots.values()].map((s) => [s.key.slice(), s.value.slice()]) };
  }

  restore(snapshot: MapSnapshot): void {
    this.slots.clear();
    for (const [key, value] of snapshot.state as [Uint8Array, Uint8Array][]) {
      const id = toHex(key);
      const held = region("map-value", `${this.spec.name}[${id}]`, value.slice(), 0, value.length, false);
      held.mapSlot = { map: this.spec.name, key: id, cpu: null };
      this.slots.set(id, { key: key.slice(), value: held.bytes, region: held });
    }
  }
}
