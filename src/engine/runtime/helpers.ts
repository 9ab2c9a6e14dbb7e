import { helperById } from "../source/helper-table";
import type { Span } from "../source/source-file";
import { toHex } from "../target/bytes";
import { EFAULT, EINVAL } from "../target/errno";
import {
  BPF_F_INGRESS,
  MAX_BPRINTF_VARARGS,
  MAX_TRACE_PRINTK_VARARGS,
  TC_ACT_REDIRECT,
  TC_ACT_SHOT,
  XDP_ABORTED,
  XDP_REDIRECT,
} from "../target/kernel";
import { unsignedLongLongType } from "../types/ctypes";
import { load } from "./access";
import { bpfLoop, forEachMapElement } from "./callback-helpers";
import { mapPush, mapTake } from "./keyless-helpers";
import type { Frame } from "./machine-state";
import { ArrayMap } from "./maps/array";
import type { MapImpl } from "./maps/map";
import { MapOfMaps } from "./maps/map-of-maps";
import { ProgArrayMap } from "./maps/prog-array";
import { RedirectMap } from "./maps/redirect-map";
import { markWritten, type Region } from "./memory";
import {
  perfEventOutput,
  ringbufCommit,
  ringbufOutput,
  ringbufQuery,
  ringbufReserve,
} from "./output-helpers";
import { type ArgumentReaders, csumDiff, csumReplace, skbStoreBytes } from "./packet-helpers";
import { formatParsed, type ParsedFormat, parseFormat } from "./printk";
import type { TailCallRecord } from "./report";
import {
  skbAdjustRoom,
  skbChangeHead,
  skbChangeProto,
  skbChangeTail,
  skbPullData,
  skbVlanPop,
  skbVlanPush,
} from "./skb-resize";
import { fullSocket, hashRecalc, socketCookie } from "./socket-helpers";
import { spinLock, spinUnlock } from "./spin-lock-helpers";
import { attemptTailCall, recordsAttempt } from "./tail-call";
import {
  isPointer,
  type MapHandle,
  mapArgument,
  RuntimeFault,
  UNWIND_FOR_TAIL_CALL,
  type Value,
} from "./values";
import { xdpAdjustHead, xdpAdjustMeta, xdpAdjustTail } from "./xdp-adjust";

/** The task the simulated programs run in: a test-run loader process, as in kernel-facts' traces. */
export const SIMULATED_PID = 4242;
export const SIMULATED_COMM = "tailscope";

/**
 * `bpf_redirect(ifindex, flags)`: the program's verdict to return, as the kernel gives it [E]
 * 6.18: in tc, TC_ACT_REDIRECT unless a flag other than BPF_F_INGRESS is set (TC_ACT_SHOT); in
 * XDP (bpf_xdp_redirect), XDP_REDIRECT unless any flag is (XDP_ABORTED). The target device is
 * not modelled: a test run only reports the verdict.
 */
/** bpf_redirect_map's flags: the fallback action (low 2 bits), and a device map's broadcast bits. */
const BPF_F_ACTION_MASK = 3n;
const BPF_F_BROADCAST = 1n << 3n;
const BPF_F_EXCLUDE_INGRESS = 1n << 4n;

/**
 * `bpf_redirect_map(map, key, flags)` (net/core/filter.c __bpf_xdp_redirect_map): XDP_REDIRECT
 * when the slot holds a target (or a device map broadcasts), else the fallback action the
 * flags' low bits give; XDP_ABORTED for other flags. A test run only reports the verdict.
 */
function redirectMap(frame: Frame, [map, key, flags]: readonly Value[], span: Span): number {
  const handle = mapArgument(map, "bpf_redirect_map", span);
  if (!(handle.map instanceof RedirectMap))
    throw new RuntimeFault("bpf_redirect_map needs a device, CPU or XSK map", span);
  const bits = toBig(flags, frame);
  const device = handle.map.spec.typeName === "devmap" || handle.map.spec.typeName === "devmap_hash";
  const allowed = BPF_F_ACTION_MASK | (device ? BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS : 0n);
  if (bits & ~allowed) return XDP_ABORTED;
  if (device && bits & BPF_F_BROADCAST) return XDP_REDIRECT;
  const index = Number(BigInt.asUintN(32, toBig(key, frame)));
  return handle.map.has(index) ? XDP_REDIRECT : Number(bits & BPF_F_ACTION_MASK);
}

function redirect(frame: Frame, flags: Value): number {
  const bits = toBig(flags, frame);
  if (frame.run.context.name === "struct xdp_md") return bits === 0n ? XDP_REDIRECT : XDP_ABORTED;
  return (bits & ~BPF_F_INGRESS) === 0n ? TC_ACT_REDIRECT : TC_ACT_SHOT;
}

/** `bpf_get_current_comm(buf, size)`: the task's name, cut to fit with its NUL, the rest zeroed. */
function currentComm(to: Value, size: Value, span: Span): number {
  const length = Number(size);
  const buffer = bytesAt(to, length, "bpf_get_current_comm's buffer", span);
  buffer.fill(0);
  for (let i = 0; i < Math.min(SIMULATED_COMM.length, length - 1); i++)
    buffer[i] = SIMULATED_COMM.charCodeAt(i);
  return 0;
}

/**
 * `wholeStatement`: the call is a statement of its own, so nothing after it in the statement
 * needs skipping. A helper may return a plain number for an integer result; the call converts
 * it to the declared return type (a `long` becomes a 64-bit value there).
 */
export type HelperImplementation = (
  frame: Frame,
  args: readonly Value[],
  span: Span,
  wholeStatement: boolean,
) => Value;

/** Reads `size` bytes at a pointer argument, or faults as the verifier would have refused it. */
function bytesAt(value: Value, size: number, what: string, span: Span): Uint8Array {
  if (!isPointer(value)) throw new RuntimeFault(`${what} is not a pointer to memory`, span);
  if (value.offset < 0 || value.offset + size > value.region.size) {
    throw new RuntimeFault(
      `${what}: ${size} bytes at offset ${value.offset} run past ${value.region.name} (${value.region.size} bytes)`,
      span,
    );
  }
  const at = value.region.start + value.offset;
  // Helpers write through these bytes (a destination buffer) as well as read them.
  markWritten(value.region, at, size);
  return value.region.bytes.subarray(at, at + size);
}

function toBig(value: Value, frame: Frame): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(value);
  if (isPointer(value)) return frame.run.machine.addressOf(value);
  return 0n;
}

/**
 * A helper's update or delete, reported to a recording trace as the value's bytes before and
 * after ("" where the element does not exist), when it succeeded.
 */
function recordingHelperWrite(
  frame: Frame,
  name: string,
  map: MapImpl,
  key: Uint8Array,
  write: () => number,
): number {
  const observer = frame.run.machine.observer;
  if (!observer?.mapWrite) return write();
  const cpu = frame.run.cpu;
  const bytesOf = () => {
    const value = map.lookup(key, cpu);
    return value ? toHex(value.bytes.subarray(value.start, value.start + value.size)) : "";
  };
  const before = bytesOf();
  const result = write();
  if (result === 0)
    observer.mapWrite(frame.run, {
      map: name,
      key: toHex(key),
      cpu: map.perCpu ? cpu : null,
      offset: 0,
      size: map.spec.valueSize,
      before,
      after: bytesOf(),
    });
  return result;
}

const noBytes = new Uint8Array(0);

/**
 * `bpf_map_lookup_elem`'s element: an array's index is read straight from the key's memory (the
 * commonest lookup of all, so no view of the key's bytes is made for it).
 */
function lookupElement(map: MapImpl, key: Value, cpu: number, span: Span): Region | null {
  if (map instanceof ArrayMap && isPointer(key) && key.offset >= 0 && key.offset + 4 <= key.region.size)
    return map.lookupIndex(key.region.view.getUint32(key.region.start + key.offset, true), cpu);
  return map.lookup(bytesAt(key, map.spec.keySize, "the key", span), cpu);
}

/**
 * A map of maps' lookup: the inner map itself, or NULL. It reads no value bytes (the map is the
 * result), so the trace records no map read for it.
 */
function innerMapLookup(handle: MapHandle, key: Value, span: Span): Value {
  const map = handle.map as MapOfMaps;
  return map.innerAt(bytesAt(key, map.spec.keySize, "the key", span));
}

function regionValue(region: Region | null): Value {
  return region ? region.origin : null;
}

/** Format strings of read-only regions (bpf_printk's `.rodata` ones), decoded once per place. */
const formatTexts = new WeakMap<Region, Map<number, string | null>>();

/** A format's characters up to its NUL; null when the bytes hold none (printk then fails). */
function textBeforeNul(bytes: Uint8Array): string | null {
  const nul = bytes.indexOf(0);
  return nul < 0 ? null : String.fromCharCode(...bytes.subarray(0, nul));
}

function formatText(format: Value, size: number, span: Span): string | null {
  const cacheable = isPointer(format) && !format.region.writable;
  let texts = cacheable ? formatTexts.get(format.region) : undefined;
  const key = cacheable ? format.offset * 65536 + size : 0;
  const known = texts?.get(key);
  if (known !== undefined) return known;
  const bytes = bytesAt(format, size, "bpf_trace_printk's format", span);
  const text = textBeforeNul(bytes);
  if (cacheable) {
    if (!texts) formatTexts.set(format.region, (texts = new Map()));
    texts.set(key, text);
  }
  return text;
}

/** No arguments after the format: most printk calls, and no array to make for them. */
const noArguments: readonly (number | bigint)[] = Object.freeze([]);

/** `bpf_trace_printk(format, size, args[first] …)`. */
function printk(
  frame: Frame,
  format: Value,
  formatSize: Value,
  args: readonly Value[],
  first: number,
  span: Span,
): Value {
  const text = formatText(format, Number(formatSize), span);
  if (text === null) return -EINVAL;
  return printParsed(frame, parseFormat(text), args, first);
}

/** The value arguments from `args[first]` on, as printk formats them. */
function printkArguments(frame: Frame, args: readonly Value[], first: number): readonly (number | bigint)[] {
  if (args.length <= first) return noArguments;
  // A copy of the right length, then converted in place: pushing onto [] reserves room for 17.
  const values = args.slice(first);
  for (let i = 0; i < values.length; i++) {
    const a = values[i];
    if (typeof a !== "number") values[i] = toBig(a, frame);
  }
  return values as (number | bigint)[];
}

function printParsed(frame: Frame, format: ParsedFormat, args: readonly Value[], first: number): Value {
  const machine = frame.run.machine;
  const result = formatParsed(format, printkArguments(frame, args, first), machine.memoryReader);
  if (!result.ok) return result.returned;
  frame.run.printk.push(result.message);
  machine.observer?.printk?.(frame.run, result.message);
  return result.returned;
}

/**
 * `bpf_tail_call(ctx, map, index)`: the attempt is recorded, and a jump taken when the statement
 * ends (or unwinds the expression it is in). `site` keeps the call site's last record: a site
 * mostly makes the same attempt packet after packet, and records are frozen, so it is shared.
 */
function tailCall(
  frame: Frame,
  args: readonly Value[],
  span: Span,
  wholeStatement: boolean,
  site: { last: TailCallRecord | null },
): Value {
  const index = args[2];
  const handle = mapArgument(args[1], "bpf_tail_call", span);
  if (!(handle.map instanceof ProgArrayMap))
    throw new RuntimeFault("bpf_tail_call needs a BPF_MAP_TYPE_PROG_ARRAY", span);
  // The index is a u32 (the helper's argument is a u32 in the kernel's prototype).
  const key = typeof index === "number" ? index >>> 0 : Number(BigInt.asUintN(32, toBig(index, frame)));
  const run = frame.run;
  const result = attemptTailCall(handle.map, key, run.budget);
  const from = run.programs[run.programs.length - 1];
  const { outcome, program: to } = result;
  const last = site.last;
  const record =
    last !== null && recordsAttempt(last, from, handle.name, key, outcome, to)
      ? last
      : Object.freeze({ from, map: handle.name, key, outcome, to });
  site.last = record;
  run.tailCalls.push(record);
  run.machine.observer?.tailCall?.(run, record);
  if (result.program === null) return 0;
  run.pendingTailCall = result.program;
  if (!wholeStatement) throw UNWIND_FOR_TAIL_CALL;
  return 0;
}

/** The helpers Tailscope runs, by the kernel's helper id; any other id is refused at load time. */
export const helpers: ReadonlyMap<number, HelperImplementation> = new Map<number, HelperImplementation>([
  [
    1,
    (frame, args, span) => {
      const key = args[1];
      const handle = mapArgument(args[0], "bpf_map_lookup_elem", span);
      if (handle.map instanceof MapOfMaps) return innerMapLookup(handle, key, span);
      const found = lookupElement(handle.map, key, frame.run.cpu, span);
      const observer = frame.run.machine.observer;
      if (observer?.mapRead)
        observer.mapRead(frame.run, {
          map: handle.name,
          key: found?.mapSlot?.key ?? toHex(bytesAt(key, handle.map.spec.keySize, "the key", span)),
          cpu: handle.map.perCpu ? frame.run.cpu : null,
          via: "lookup",
          offset: 0,
          bytes: found ? found.bytes.subarray(found.start, found.start + found.size) : noBytes,
        });
      return regionValue(found);
    },
  ],
  [
    2,
    (frame, [map, key, value, flags], span) => {
      const handle = mapArgument(map, "bpf_map_update_elem", span);
      const spec = handle.map.spec;
      const keyBytes = bytesAt(key, spec.keySize, "the key", span);
      const valueBytes = bytesAt(value, spec.valueSize, "the value", span);
      const flagBits = toBig(flags, frame);
      const result = recordingHelperWrite(frame, handle.name, handle.map, keyBytes, () =>
        handle.map.update(keyBytes, valueBytes, flagBits, frame.run.cpu),
      );
      return result;
    },
  ],
  [
    3,
    (frame, [map, key], span) => {
      const handle = mapArgument(map, "bpf_map_delete_elem", span);
      const keyBytes = bytesAt(key, handle.map.spec.keySize, "the key", span);
      return recordingHelperWrite(frame, handle.name, handle.map, keyBytes, () =>
        handle.map.delete(keyBytes),
      );
    },
  ],
  [5, (frame) => BigInt(frame.run.machine.clock)],
  [
    6,
    (frame, args, span) => {
      if (args.length - 2 > MAX_TRACE_PRINTK_VARARGS) return -EINVAL;
      return printk(frame, args[0], args[1], args, 2, span);
    },
  ],
  [7, (frame) => frame.run.machine.nextRandom()],
  [8, (frame) => frame.run.cpu],
  [12, (frame, args, span, wholeStatement) => tailCall(frame, args, span, wholeStatement, { last: null })],
  [14, () => (BigInt(SIMULATED_PID) << 32n) | BigInt(SIMULATED_PID)],
  [16, (_frame, [to, size], span) => currentComm(to, size, span)],
  [23, (frame, [, flags]) => redirect(frame, flags)],
  [51, (frame, args, span) => redirectMap(frame, args, span)],
  [
    18,
    (frame, [, proto, tci]) =>
      skbVlanPush(frame, Number(toBig(proto, frame) & 0xffffn), Number(toBig(tci, frame) & 0xffffn)),
  ],
  [19, (frame) => skbVlanPop(frame)],
  [
    31,
    (frame, [, proto, flags]) =>
      skbChangeProto(frame, Number(toBig(proto, frame) & 0xffffn), toBig(flags, frame)),
  ],
  [39, (frame, [, length]) => skbPullData(frame, Number(BigInt.asUintN(32, toBig(length, frame))))],
  [
    43,
    (frame, [, room, flags]) =>
      skbChangeHead(frame, Number(BigInt.asUintN(32, toBig(room, frame))), toBig(flags, frame)),
  ],
  [
    50,
    (frame, [, diff, mode, flags]) =>
      skbAdjustRoom(
        frame,
        Number(BigInt.asIntN(32, toBig(diff, frame))),
        Number(BigInt.asUintN(32, toBig(mode, frame))),
        toBig(flags, frame),
      ),
  ],
  [
    38,
    (frame, [, length, flags]) =>
      skbChangeTail(frame, Number(BigInt.asUintN(32, toBig(length, frame))), toBig(flags, frame)),
  ],
  [44, (frame, [, delta]) => xdpAdjustHead(frame, Number(BigInt.asIntN(32, toBig(delta, frame))))],
  [65, (frame, [, delta]) => xdpAdjustTail(frame, Number(BigInt.asIntN(32, toBig(delta, frame))))],
  [54, (frame, [, delta]) => xdpAdjustMeta(frame, Number(BigInt.asIntN(32, toBig(delta, frame))))],
  // The boot and coarse clocks read the same virtual clock as bpf_ktime_get_ns.
  [125, (frame) => BigInt(frame.run.machine.clock)],
  [160, (frame) => BigInt(frame.run.machine.clock)],
  [
    26,
    (frame, [, offset, to, length], span) => {
      const len = Number(length);
      const from = Number(offset);
      const destination = bytesAt(to, len, "bpf_skb_load_bytes's destination", span);
      const packet = frame.run.contextPointers.values().next().value;
      if (!packet || from < 0 || from + len > packet.region.size) return -EFAULT;
      destination.set(
        packet.region.bytes.subarray(packet.region.start + from, packet.region.start + from + len),
      );
      return 0;
    },
  ],
  [9, (frame, args, span) => skbStoreBytes(readers, frame, args, span)],
  [10, (frame, args) => csumReplace(3, readers, frame, args)],
  [11, (frame, args) => csumReplace(4, readers, frame, args)],
  [28, (frame, args, span) => csumDiff(readers, frame, args, span)],
  [87, (frame, args, span) => mapPush(readers, frame, args, span)],
  [88, (frame, args, span) => mapTake(readers, frame, args, span, true)],
  [89, (frame, args, span) => mapTake(readers, frame, args, span, false)],
  [164, (frame, args, span) => forEachMapElement(readers, frame, args, span)],
  [181, (frame, args, span) => bpfLoop(readers, frame, args, span)],
  [25, (frame, args, span) => perfEventOutput(readers, frame, args, span)],
  [34, (frame) => hashRecalc(frame)],
  [93, (frame, [lock], span) => spinLock(frame, lock, span)],
  [94, (frame, [lock], span) => spinUnlock(frame, lock, span)],
  [46, (frame) => socketCookie(frame)],
  [95, (_frame, [sk]) => fullSocket(sk)],
  [130, (frame, args, span) => ringbufOutput(readers, frame, args, span)],
  [131, (frame, args, span) => ringbufReserve(readers, frame, args, span)],
  [132, (_frame, args, span) => ringbufCommit(args, span, false)],
  [133, (_frame, args, span) => ringbufCommit(args, span, true)],
  [134, (frame, args, span) => ringbufQuery(readers, frame, args, span)],
  [
    177,
    (frame, [format, size, data, dataLength], span) => {
      const count = Number(dataLength) / 8;
      if (!Number.isInteger(count) || count > MAX_BPRINTF_VARARGS) return -EINVAL;
      const args: Value[] = [];
      for (let i = 0; i < count; i++) {
        const slot = isPointer(data) ? { region: data.region, offset: data.offset + i * 8 } : data;
        args.push(load(frame, slot, unsignedLongLongType, span));
      }
      return printk(frame, format, size, args, 0, span);
    },
  ],
]);

/** How the packet helpers (packet-helpers.ts) read their arguments. */
const readers: ArgumentReaders = { toBig, bytesAt };

const BPF_FUNC_trace_printk = 6;
const BPF_FUNC_tail_call = 12;
const BPF_FUNC_loop = 181;

/**
 * A helper made for one call site: `bpf_printk("…")`'s format is a string literal in read-only
 * memory, so it is read and parsed once, when compiling, instead of on every call; a tail call
 * remembers the site's last record; a bpf_loop with constant 0 flags is the verifier's inlined
 * loop. Undefined where the general helper must run.
 */
export function helperForCallSite(
  id: number,
  fixedArguments: readonly ({ readonly value: Value } | undefined)[],
): HelperImplementation | undefined {
  if (id === BPF_FUNC_loop && fixedArguments[3] && Number(fixedArguments[3].value) === 0)
    return (frame, args, span) => bpfLoop(readers, frame, args, span, true);
  if (id === BPF_FUNC_tail_call) {
    const site = { last: null };
    return (frame, args, span, wholeStatement) => tailCall(frame, args, span, wholeStatement, site);
  }
  if (id !== BPF_FUNC_trace_printk) return undefined;
  const format = fixedArguments[0]?.value ?? null;
  const size = fixedArguments[1]?.value;
  if (!isPointer(format) || format.region.writable || (typeof size !== "number" && typeof size !== "bigint"))
    return undefined;
  const length = Number(size);
  if (format.offset < 0 || format.offset + length > format.region.size) return undefined;
  const start = format.region.start + format.offset;
  const bytes = format.region.bytes.subarray(start, start + length);
  const text = textBeforeNul(bytes);
  if (text === null) return undefined;
  const parsed = parseFormat(text);
  return (frame, args) => {
    if (args.length - 2 > MAX_TRACE_PRINTK_VARARGS) return -EINVAL;
    return printParsed(frame, parsed, args, 2);
  };
}

export function helperName(id: number): string {
  return helperById.get(id)?.name ?? `helper #${id}`;
}
