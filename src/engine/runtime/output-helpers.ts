import type { Span } from "../source/source-file";
import { EFAULT } from "../target/errno";
import type { Frame } from "./machine-state";
import type { MapImpl } from "./maps/map";
import { PerfEventArrayMap } from "./maps/perf-event-array";
import { RingBufMap } from "./maps/ringbuf";
import { type ArgumentReaders, packetOf } from "./packet-helpers";
import { isPointer, mapArgument, RuntimeFault, type Value } from "./values";

function mapOf(value: Value, helper: string, span: Span): MapImpl {
  return mapArgument(value, helper, span).map;
}

function ringOf(value: Value, helper: string, span: Span): RingBufMap {
  const map = mapOf(value, helper, span);
  if (!(map instanceof RingBufMap)) throw new RuntimeFault(`${helper} needs a BPF_MAP_TYPE_RINGBUF`, span);
  return map;
}

/** `bpf_ringbuf_output(ringbuf, data, size, flags)`: a record of `size` bytes copied from `data`. */
export function ringbufOutput(
  read: ArgumentReaders,
  frame: Frame,
  [ring, data, size, flags]: readonly Value[],
  span: Span,
) {
  const bytes = read.bytesAt(data, Number(size), "bpf_ringbuf_output's data", span);
  return ringOf(ring, "bpf_ringbuf_output", span).output(frame.run.index, bytes, read.toBig(flags, frame));
}

/** `bpf_ringbuf_reserve(ringbuf, size, flags)`: the new record's memory, or NULL. */
export function ringbufReserve(
  read: ArgumentReaders,
  frame: Frame,
  [ring, size, flags]: readonly Value[],
  span: Span,
) {
  const memory = ringOf(ring, "bpf_ringbuf_reserve", span).reserve(
    frame.run.index,
    Number(size),
    read.toBig(flags, frame),
  );
  return memory ? memory.origin : null;
}

/** `bpf_ringbuf_submit(data, flags)` and `bpf_ringbuf_discard(data, flags)`: the record is done. */
export function ringbufCommit([data]: readonly Value[], span: Span, discard: boolean): number {
  const helper = discard ? "bpf_ringbuf_discard" : "bpf_ringbuf_submit";
  if (!isPointer(data) || data.offset !== 0 || !RingBufMap.commit(data.region, discard))
    throw new RuntimeFault(`${helper}: the pointer is not a record bpf_ringbuf_reserve gave`, span);
  return 0;
}

/** `bpf_ringbuf_query(ringbuf, flags)`. */
export function ringbufQuery(
  read: ArgumentReaders,
  frame: Frame,
  [ring, flags]: readonly Value[],
  span: Span,
) {
  return ringOf(ring, "bpf_ringbuf_query", span).query(read.toBig(flags, frame));
}

/**
 * `bpf_perf_event_output(ctx, map, flags, data, size)`: a sample of `size` bytes on the running
 * CPU's perf event; in skb and XDP programs the flags' upper half asks for that many packet
 * bytes after the data (-EFAULT past the packet).
 */
export function perfEventOutput(
  read: ArgumentReaders,
  frame: Frame,
  [, map, flags, data, size]: readonly Value[],
  span: Span,
) {
  const target = mapOf(map, "bpf_perf_event_output", span);
  if (!(target instanceof PerfEventArrayMap))
    throw new RuntimeFault("bpf_perf_event_output needs a BPF_MAP_TYPE_PERF_EVENT_ARRAY", span);
  const bits = read.toBig(flags, frame);
  const bytes = read.bytesAt(data, Number(size), "bpf_perf_event_output's data", span);
  const appended = PerfEventArrayMap.contextLength(bits);
  const packet = packetOf(frame);
  let sample = bytes;
  if (appended > 0) {
    if (!packet || appended > packet.size) return -EFAULT;
    sample = new Uint8Array(bytes.length + appended);
    sample.set(bytes);
    sample.set(packet.bytes.subarray(packet.start, packet.start + appended), bytes.length);
  }
  return target.output(frame.run.index, frame.run.cpu, bits, sample);
}
