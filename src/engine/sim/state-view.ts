import { contextFields } from "../runtime/context-builder";
import { globalsReport, mapsReport } from "../runtime/machine-report";
import type { Frame, PacketRun } from "../runtime/machine-state";
import type { Pointer } from "../runtime/memory";
import { packetBounds } from "../runtime/packet-run";
import type { MapReport, TailCallRecord } from "../runtime/report";
import type { Scheduler } from "../runtime/scheduler";
import { readUnsigned, toHex } from "../target/bytes";
import { integerOf, isInteger, sizeOf } from "../types/ctypes";
import { quoteType } from "../types/format";

/** A local as the inspector shows it: its C type and the bytes its stack slot holds. */
export interface LocalView {
  readonly name: string;
  readonly type: string;
  readonly bytes: string;
  /** For an integer: its value, as C reads those bytes. */
  readonly value?: string;
  /** For a pointer: what it points into (`tail_context_map[0] (CPU 1) + 0`), or null for NULL. */
  readonly pointsTo?: string | null;
}

export interface FrameView {
  readonly function: string;
  readonly file: string;
  /** The statement that runs next. */
  readonly line: number;
  readonly column: number;
  readonly locals: readonly LocalView[];
}

/** A packet in flight: its index, CPU, chain so far, printk so far, frames (innermost last). */
export interface RunningView {
  readonly packet: number;
  readonly cpu: number;
  readonly programs: readonly string[];
  readonly printk: readonly string[];
  /** Its tail-call attempts so far, with their outcomes. */
  readonly tailCalls: readonly TailCallRecord[];
  /** The context's fields (`struct __sk_buff` or `struct xdp_md`) as the program sees them now. */
  readonly context: Readonly<Record<string, number>>;
  readonly frames: readonly FrameView[];
  /** The packet's bytes from skb->data (or xdp->data): as they arrived, and as they are now. */
  readonly bytes: PacketBytesView;
}

/** A packet's bytes, from where the program's `data` starts: as they arrived and as they are. */
export interface PacketBytesView {
  /** Hex. */
  readonly arrived: string;
  /** Hex; null when the run did not keep them (a finished packet of a streamed run). */
  readonly now: string | null;
  /** Bytes of the frame before `data`: the MAC header, for a type that starts past it. */
  readonly dataStart: number;
}

/** The packet that finished last, at this step, and what it left. */
export interface FinishedPacketView {
  readonly packet: number;
  readonly bytes: PacketBytesView;
}

/** The whole machine at one step: what a time-travelling UI shows. */
export interface StateView {
  readonly step: number;
  /** Packets run to completion so far. */
  readonly finishedPackets: number;
  /**
   * The packet in flight that ran the last statement (the one to follow), if any. Sequential
   * runs have at most one packet in flight; interleaved runs one per CPU (see `cpus`).
   */
  readonly running: RunningView | null;
  /** Every packet in flight, by CPU order. */
  readonly cpus: readonly RunningView[];
  readonly maps: Record<string, MapReport>;
  readonly globals: Record<string, string>;
  /** The packet that finished last, when the run still holds its frame. */
  readonly lastFinished: FinishedPacketView | null;
}

/**
 * The whole machine as a scheduler leaves it after `step` statements. `stopped` is a packet
 * paused in the middle of a statement, inside a bpf2bpf call: its frames show where they are;
 * the packet to follow is that one, or the one that ran the last statement.
 */
export function stateView(scheduler: Scheduler<unknown>, step: number, stopped: PacketRun | null): StateView {
  const cpus = scheduler.inFlight().map(({ run, pc }) => runningView(run, run === stopped ? undefined : pc));
  const focus = stopped?.cpu ?? scheduler.lastCpu;
  return {
    step,
    finishedPackets: scheduler.packetsFinished,
    running: cpus.find((c) => c.cpu === focus) ?? null,
    cpus,
    maps: mapsReport(scheduler.machine),
    globals: globalsReport(scheduler.machine),
    // Between packets only: once the next one starts, a stream may refill the last one's frame.
    lastFinished: cpus.length === 0 ? lastFinished(scheduler) : null,
  };
}

/** The last finished packet: what arrived, and what it left (its report's packetOut, if changed). */
function lastFinished(scheduler: Scheduler<unknown>): FinishedPacketView | null {
  const last = scheduler.lastFinished;
  if (!last) return null;
  const { packet, frame, packetOut } = last;
  // A test run that starts at the network header: skb->data is past the MAC header.
  const dataStart = scheduler.dataStart;
  const arrived = toHex(frame.subarray(dataStart));
  const now = packetOut === undefined ? arrived : packetOut.slice(dataStart * 2);
  return { packet, bytes: { arrived, now, dataStart } };
}

/** The bytes of a packet in flight, from its data pointer to data_end. */
function packetBytes(run: PacketRun): PacketBytesView {
  const arrived = toHex(run.frame.subarray(run.dataStart));
  const bounds = packetBounds(run);
  if (!bounds) return { arrived, now: null, dataStart: run.dataStart };
  const { bytes, start } = bounds.region;
  return {
    arrived,
    now: toHex(bytes.subarray(start + bounds.data, start + bounds.end)),
    dataStart: run.dataStart,
  };
}

/** A packet in flight; `pc` is where its program frame goes on when the chain is paused. */
export function runningView(run: PacketRun, pc?: number): RunningView {
  return {
    packet: run.index,
    cpu: run.cpu,
    programs: [...run.programs],
    printk: [...run.printk],
    tailCalls: run.tailCalls.map((record) => ({ ...record })),
    context: contextFields(run.context),
    frames: run.frames.map((frame, i) => frameView(frame, i === 0 ? pc : undefined)),
    bytes: packetBytes(run),
  };
}

/** A frame: the statement it runs now (or, given its `pc`, where it goes on) and its locals. */
export function frameView(frame: Frame, pc: number | undefined): FrameView {
  const { spans, instructions } = frame.fn;
  // A paused chain's program frame goes on at `pc`; a frame inside a call is at its statement.
  let span = pc === undefined ? frame.span : null;
  if (!span) {
    // Instructions without a span are plain jumps (an if's else-skip, a loop's back edge), with
    // no effect but where they lead: follow them to the statement that really runs next.
    let at = pc ?? 0;
    for (let hops = 0; at >= 0 && at < spans.length && !spans[at] && hops < spans.length; hops++)
      at = instructions[at](frame);
    span = spans[at] ?? null;
  }
  const position = span ? span.file.position(span.start) : { line: 0, column: 0 };
  return {
    function: frame.fn.symbol.name,
    file: span?.file.name ?? "",
    line: position.line,
    column: position.column,
    locals: frame.fn.locals.map(({ symbol, offset }) => {
      const size = Math.max(1, sizeOf(symbol.type));
      const stack = frame.stack;
      const view: LocalView = {
        name: symbol.name,
        type: quoteType(symbol.type),
        bytes: toHex(stack.bytes.subarray(offset, offset + size)),
      };
      if (isInteger(symbol.type)) {
        const { size: width, signed } = integerOf(symbol.type);
        const raw = readUnsigned(stack.bytes, offset, width);
        return { ...view, value: String(signed ? BigInt.asIntN(width * 8, raw) : raw) };
      }
      if (symbol.type.kind !== "pointer") return view;
      const pointer = stack.pointers.get(offset) as Pointer | undefined;
      return { ...view, pointsTo: pointer ? `${pointer.region.name} + ${pointer.offset}` : null };
    }),
  };
}
