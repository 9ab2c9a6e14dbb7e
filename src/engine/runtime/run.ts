import type { LoadedObject } from "../loader/object";
import type { ProgramType } from "../loader/sections";
import type { Packet } from "../sim/packets";
import type { TypedProgram } from "../types/symbols";
import { fromHex, toHex } from "./bytes";
import { packetContext } from "./context";
import { errnoName } from "./errno";
import { Machine } from "./machine";
import type { ExecutionObserver, PacketRun, TailCallRecord } from "./machine-state";
import { BPF_ANY, keyIndex } from "./maps/map";
import { ProgArrayMap } from "./maps/prog-array";
import { type Pointer, type Region, region } from "./memory";
import { RuntimeFault, type Value } from "./values";

/** A control-plane operation applied between packets (contract.md §1 `control`). */
export interface ControlAction {
  readonly beforePacket: number;
  readonly op: "update" | "delete";
  readonly map: string;
  readonly key: string;
  readonly program?: string;
  readonly value?: string;
}

export interface RunInput {
  readonly cpus: number;
  readonly entry: string;
  readonly packets: readonly Packet[];
  readonly control?: readonly ControlAction[];
  readonly seed?: number;
  readonly observer?: ExecutionObserver | null;
}

export interface PacketReport {
  readonly index: number;
  readonly cpu: number;
  readonly retval: number;
  readonly printk: string[];
  readonly programs: string[];
  readonly tailCalls: TailCallRecord[];
  readonly steps: number;
  readonly fault: { readonly message: string; readonly file: string; readonly line: number } | null;
}

export type MapReport = {
  type: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  entries: (
    | { key: string; value: string }
    | { key: string; values: string[] }
    | { key: string; program: string }
  )[];
};

/** The run report of contract.md §2. */
export interface RunReport {
  readonly cpus: number;
  readonly packets: PacketReport[];
  readonly maps: Record<string, MapReport>;
  readonly globals: Record<string, string>;
  /** Control-plane operations that failed, with the errno the kernel would return. */
  readonly control?: { readonly beforePacket: number; readonly map: string; readonly error: string }[];
}

/** `struct __sk_buff` member offsets (include/uapi/linux/bpf.h; kernel-facts.md §3.2). */
const skbOffsets: Readonly<Record<string, number>> = {
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
const SKB_SIZE = 192;
const xdpOffsets: Readonly<Record<string, number>> = {
  data: 0,
  data_end: 4,
  data_meta: 8,
  ingress_ifindex: 12,
  rx_queue_index: 16,
  egress_ifindex: 20,
};
const XDP_SIZE = 24;
/** Virtual time between two test runs (a syscall apart) and for each printk line. */
const NS_BETWEEN_PACKETS = 50_000;
const NS_PER_PRINTK = 1_000;

/**
 * The context region and its packet pointers, as BPF_PROG_TEST_RUN sets them up. The regions
 * are made once per machine and refilled for each packet: the verifier lets no program keep a
 * context or packet pointer past its run (they cannot be stored in maps), so nothing sees the
 * reuse, and a million packets do not mean a million allocations.
 */
class ContextBuilder {
  private readonly xdp: boolean;
  private readonly offsets: Readonly<Record<string, number>>;
  private readonly context: Region;
  private readonly socket: Region;
  private readonly packets = new Map<number, { packet: Region; pointers: Map<number, Pointer> }>();

  constructor(private readonly type: ProgramType) {
    this.xdp = type === "xdp";
    this.offsets = this.xdp ? xdpOffsets : skbOffsets;
    const size = this.xdp ? XDP_SIZE : SKB_SIZE;
    this.context = region("context", this.xdp ? "struct xdp_md" : "struct __sk_buff", new Uint8Array(size));
    this.socket = region("context", "struct bpf_sock", new Uint8Array(80), 0, 80, false);
  }

  build(frame: Uint8Array): { context: Region; pointers: ReadonlyMap<number, Pointer> } {
    const ctx = packetContext(frame, this.type);
    const { packet, pointers } = this.packetRegion(ctx.data.length);
    packet.bytes.set(ctx.data);
    const context = this.context;
    context.bytes.fill(0);
    context.pointers.clear();
    for (const name in ctx.fields) {
      const offset = this.offsets[name];
      if (offset !== undefined) context.view.setUint32(offset, ctx.fields[name] >>> 0, true);
    }
    return { context, pointers };
  }

  private packetRegion(length: number) {
    let entry = this.packets.get(length);
    if (!entry) {
      const packet = region("packet", "packet data", new Uint8Array(length));
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
    return entry;
  }
}

function retvalOf(value: Value): number {
  if (typeof value === "number") return value >>> 0;
  if (typeof value === "bigint") return Number(BigInt.asUintN(32, value));
  return 0;
}

/** Runs every packet to completion on its CPU, in order (the sequential schedule), and reports. */
export function runPackets(program: TypedProgram, object: LoadedObject, input: RunInput): RunReport {
  const machine = new Machine(program, object, {
    cpus: input.cpus,
    seed: input.seed,
    observer: input.observer,
  });
  const entry = object.programs.find((p) => p.name === input.entry);
  if (!entry) throw new Error(`no program named ${input.entry}`);
  const controlErrors: NonNullable<RunReport["control"]> = [];
  const contexts = new ContextBuilder(entry.kind.type);
  const packets: PacketReport[] = input.packets.map((packet, index) => {
    for (const action of input.control ?? []) {
      if (action.beforePacket !== index) continue;
      const error = applyControl(machine, action);
      if (error) controlErrors.push({ beforePacket: index, map: action.map, error });
    }
    machine.clock += NS_BETWEEN_PACKETS;
    return runPacket(machine, contexts, index, packet, entry.name);
  });
  return {
    cpus: input.cpus,
    packets,
    maps: mapsReport(machine),
    globals: globalsReport(machine),
    ...(controlErrors.length > 0 ? { control: controlErrors } : {}),
  };
}

function runPacket(
  machine: Machine,
  contexts: ContextBuilder,
  index: number,
  packet: Packet,
  entry: string,
): PacketReport {
  const { context, pointers } = contexts.build(packet.bytes);
  const run: PacketRun = {
    index,
    cpu: packet.cpu,
    machine,
    context,
    contextPointers: pointers,
    budget: { count: 0 },
    pendingTailCall: null,
    steps: 0,
    frames: [],
    programs: [],
    printk: [],
    tailCalls: [],
  };
  const printed = run.printk.length;
  let retval = 0;
  let fault: PacketReport["fault"] = null;
  try {
    retval = retvalOf(machine.runChain(run, entry, context));
  } catch (error) {
    if (!(error instanceof RuntimeFault)) throw error;
    const { line } = error.span.file.position(error.span.start);
    fault = { message: error.message, file: error.span.file.name, line };
  }
  machine.clock += NS_PER_PRINTK * (run.printk.length - printed);
  return {
    index,
    cpu: packet.cpu,
    retval,
    printk: run.printk,
    programs: run.programs,
    tailCalls: run.tailCalls,
    steps: run.steps,
    fault,
  };
}

/** A control-plane update or delete, as `bpf(BPF_MAP_UPDATE_ELEM / DELETE_ELEM)` does it. */
function applyControl(machine: Machine, action: ControlAction): string | null {
  const map = machine.maps.get(action.map);
  if (!map) return `no map named '${action.map}'`;
  const key = fromHex(action.key);
  let result: number;
  if (map instanceof ProgArrayMap) {
    if (action.op === "delete") result = map.clearSlot(keyIndex(key));
    else if (!action.program || !machine.programs.has(action.program))
      return `no program named '${action.program ?? ""}'`;
    else result = map.setSlot(keyIndex(key), action.program, BPF_ANY);
  } else if (action.op === "delete") result = map.userDelete(key);
  else result = map.userUpdate(key, fromHex(action.value ?? ""), BPF_ANY);
  return result === 0 ? null : errnoName(result);
}

function mapsReport(machine: Machine): Record<string, MapReport> {
  const report: Record<string, MapReport> = {};
  for (const [name, map] of machine.maps) {
    const { typeName: type, keySize, valueSize, maxEntries } = map.spec;
    const entries =
      map instanceof ProgArrayMap
        ? map.occupiedSlots().map((s) => ({ key: toHex(s.key), program: s.program }))
        : map
            .entries()
            .map((e) =>
              map.perCpu
                ? { key: toHex(e.key), values: e.values.map(toHex) }
                : { key: toHex(e.key), value: toHex(e.values[0]) },
            );
    report[name] = { type, keySize, valueSize, maxEntries, entries };
  }
  return report;
}

/** Every global variable the program declares (not bpf_printk's format strings), as raw bytes. */
function globalsReport(machine: Machine): Record<string, string> {
  const report: Record<string, string> = {};
  for (const global of machine.object.globals) {
    if (global.staticLocal) continue;
    const stored = machine.globals.get(global.symbol);
    if (stored) report[global.name] = toHex(stored.bytes);
  }
  return report;
}
