import type { Span } from "../source/source-file";
import { toHex } from "../target/bytes";
import type { Frame } from "./machine-state";
import { type QueuedValue, QueueStackMap, queuedKeyHex } from "./maps/queue-stack";
import type { ArgumentReaders } from "./packet-helpers";
import { mapArgument, RuntimeFault, type Value } from "./values";

/** A queued value's arrival or departure, told to a recording trace as a write of its push number. */
function recordQueued(frame: Frame, map: string, held: QueuedValue, arrived: boolean, size: number): void {
  const bytes = toHex(held.value);
  frame.run.machine.observer?.mapWrite?.(frame.run, {
    map,
    key: queuedKeyHex(held),
    cpu: null,
    offset: 0,
    size,
    before: arrived ? "" : bytes,
    after: arrived ? bytes : "",
  });
}

/**
 * `bpf_map_push_elem(map, value, flags)`: a queue or stack takes the value (dropping its oldest
 * when full and given BPF_EXIST); a bloom filter sets the value's bits.
 */
export function mapPush(
  read: ArgumentReaders,
  frame: Frame,
  [map, value, flags]: readonly Value[],
  span: Span,
) {
  const handle = mapArgument(map, "bpf_map_push_elem", span);
  const target = handle.map;
  if (!target.push) throw new RuntimeFault(`bpf_map_push_elem: ${handle.name} takes no pushes`, span);
  const bytes = read.bytesAt(value, target.spec.valueSize, "bpf_map_push_elem's value", span);
  const queue = target instanceof QueueStackMap ? target : null;
  const dropped = queue?.droppedByPush() ?? null;
  const result = target.push(bytes, read.toBig(flags, frame));
  if (result === 0 && queue && frame.run.machine.observer?.mapWrite) {
    const size = target.spec.valueSize;
    if (dropped) recordQueued(frame, handle.name, dropped, false, size);
    const newest = queue.newest();
    if (newest) recordQueued(frame, handle.name, newest, true, size);
  }
  return result;
}

/**
 * `bpf_map_pop_elem(map, value)` and `bpf_map_peek_elem(map, value)`: the next value (a queue's
 * oldest, a stack's newest) copied out, and for pop removed; a bloom filter's peek tests the
 * value's bits instead, reading the buffer rather than writing it.
 */
export function mapTake(
  read: ArgumentReaders,
  frame: Frame,
  [map, value]: readonly Value[],
  span: Span,
  remove: boolean,
): number {
  const helper = remove ? "bpf_map_pop_elem" : "bpf_map_peek_elem";
  const handle = mapArgument(map, helper, span);
  const target = handle.map;
  const take = remove ? target.pop : target.peek;
  if (!take) throw new RuntimeFault(`${helper}: ${handle.name} holds no values to take`, span);
  const into = read.bytesAt(value, target.spec.valueSize, `${helper}'s value`, span);
  const queue = target instanceof QueueStackMap ? target : null;
  const next = remove ? (queue?.next() ?? null) : null;
  const result = take.call(target, into);
  if (result === 0 && next && frame.run.machine.observer?.mapWrite)
    recordQueued(frame, handle.name, next, false, target.spec.valueSize);
  return result;
}
