import { toHex } from "../../target/bytes";
import { E2BIG, EINVAL, ENOENT } from "../../target/errno";
import { BPF_EXIST, BPF_NOEXIST } from "../../target/kernel";
import { indexKey, type MapEntry, type MapSnapshot, type MapSpec } from "./map";
import { UnlistedMap } from "./unlisted";

/** One value held, with the number of its push: the name the report and the graph give it. */
export interface QueuedValue {
  readonly seq: number;
  readonly value: Uint8Array;
}

/**
 * BPF_MAP_TYPE_QUEUE (first in, first out) and BPF_MAP_TYPE_STACK (last in, first out), as
 * kernel/bpf/queue_stack_maps.c implements them: push refuses a full map with -E2BIG unless
 * given BPF_EXIST, which drops the oldest value to make room; pop and peek on an empty map zero
 * the destination and return -ENOENT. Values have no key; the run report names each by the
 * number of its push (0, 1, 2 … as a 4-byte key), which never changes while it is held.
 */
export class QueueStackMap extends UnlistedMap {
  /** Oldest first. */
  private held: QueuedValue[] = [];
  private pushes = 0;

  constructor(
    spec: MapSpec,
    private readonly lastInFirstOut: boolean,
  ) {
    super(spec, EINVAL);
  }

  /** The value pop would take, or null. */
  next(): QueuedValue | null {
    return (this.lastInFirstOut ? this.held.at(-1) : this.held[0]) ?? null;
  }

  /** The value pushed last, or null. */
  newest(): QueuedValue | null {
    return this.held.at(-1) ?? null;
  }

  /** The value a push to a full map drops (with BPF_EXIST), or null while there is room. */
  droppedByPush(): QueuedValue | null {
    return this.held.length >= this.spec.maxEntries ? (this.held[0] ?? null) : null;
  }

  /** The report's key for a value: its push number, as a little-endian u32. */
  static keyOf(value: QueuedValue): Uint8Array {
    return indexKey(value.seq);
  }

  push(value: Uint8Array, flags: bigint): number {
    if (flags & BPF_NOEXIST || flags > BPF_EXIST) return -EINVAL;
    if (this.held.length >= this.spec.maxEntries) {
      if (!(flags & BPF_EXIST)) return -E2BIG;
      this.held.shift();
    }
    this.held.push({ seq: this.pushes, value: value.slice(0, this.spec.valueSize) });
    this.pushes = (this.pushes + 1) >>> 0;
    return 0;
  }

  pop(into: Uint8Array): number {
    return this.take(into, true);
  }

  peek(into: Uint8Array): number {
    return this.take(into, false);
  }

  private take(into: Uint8Array, remove: boolean): number {
    const next = this.next();
    if (!next) {
      into.fill(0, 0, this.spec.valueSize);
      return -ENOENT;
    }
    into.set(next.value);
    if (remove) {
      if (this.lastInFirstOut) this.held.pop();
      else this.held.shift();
    }
    return 0;
  }

  /** BPF_MAP_UPDATE_ELEM on a queue or stack pushes the value. */
  override userUpdate(_key: Uint8Array, value: Uint8Array, flags: bigint): number {
    return this.push(value, flags);
  }

  /** Values in push order, oldest first, keyed by their push number. */
  override entries(): MapEntry[] {
    return this.held.map((held) => ({ key: QueueStackMap.keyOf(held), values: [held.value.slice()] }));
  }

  snapshot(): MapSnapshot {
    return { kind: "queue", state: { held: this.held.slice(), pushes: this.pushes } };
  }

  restore(snapshot: MapSnapshot): void {
    const state = snapshot.state as { held: QueuedValue[]; pushes: number };
    this.held = state.held.slice();
    this.pushes = state.pushes;
  }
}

/** A queued value's key as the report writes it. */
export function queuedKeyHex(value: QueuedValue): string {
  return toHex(QueueStackMap.keyOf(value));
}
