import type { Span } from "../source/source-file";
import type { VariableSymbol } from "../types/symbols";
import { type AbsValue, join } from "./abstract-values";
import { type HeldLock, joinLocks } from "./spin-locks";
import { tnumText } from "./tnum";

/**
 * The verifier's state on one path: what each local holds, and how many packet bytes a
 * `data + N > data_end` check has proved readable (the kernel's `range` of packet pointers).
 */
export class Environment {
  constructor(
    readonly locals: Map<VariableSymbol, AbsValue> = new Map(),
    public packetRange = 0,
    /** The range proved for each packet pointer made by a computed index, by its id. */
    readonly packetRanges: Map<number, number> = new Map(),
    /**
     * References the path holds and must release before the program exits (a ring buffer
     * record bpf_ringbuf_reserve gave, by its id), with where each was taken.
     */
    readonly references: Map<number, Span> = new Map(),
    /** The bpf_spin_lock the path holds, if any (one at a time). */
    public lock: HeldLock | null = null,
  ) {}

  clone(): Environment {
    return new Environment(
      new Map(this.locals),
      this.packetRange,
      new Map(this.packetRanges),
      new Map(this.references),
      this.lock,
    );
  }

  /** The bytes proved readable from a packet pointer of this id (the kernel's reg->range). */
  rangeOf(id: number | undefined): number {
    return id ? (this.packetRanges.get(id) ?? 0) : this.packetRange;
  }

  /** A check against data_end proved `range` bytes readable from pointers of this id. */
  prove(id: number | undefined, range: number): void {
    if (!id) this.packetRange = Math.max(this.packetRange, range);
    else this.packetRanges.set(id, Math.max(this.packetRanges.get(id) ?? 0, range));
  }

  /** A helper may have moved the packet: no range is proved any more. */
  forgetPacketRanges(): void {
    this.packetRange = 0;
    this.packetRanges.clear();
  }

  get(symbol: VariableSymbol): AbsValue | undefined {
    return this.locals.get(symbol);
  }

  set(symbol: VariableSymbol, value: AbsValue): void {
    this.locals.set(symbol, value);
  }

  /** Every local holding a value derived from the same lookup (or the same `skb->sk`), updated at once. */
  updateLookup(id: number, update: (value: AbsValue) => AbsValue): void {
    for (const [symbol, value] of this.locals)
      if (
        (value.kind === "map_value" ||
          value.kind === "map_ptr" ||
          value.kind === "sock" ||
          value.kind === "mem" ||
          value.kind === "btf") &&
        value.id === id
      )
        this.locals.set(symbol, update(value));
  }

  equals(other: Environment): boolean {
    if (this.packetRange !== other.packetRange || this.locals.size !== other.locals.size) return false;
    if (!sameRanges(this.packetRanges, other.packetRanges)) return false;
    for (const [symbol, value] of this.locals) {
      const theirs = other.locals.get(symbol);
      if (!theirs || JSON.stringify(describe(value)) !== JSON.stringify(describe(theirs))) return false;
    }
    return true;
  }

  /**
   * Whether the kernel would find this state the same as `earlier` at a loop's head: the locals
   * in scope there (`symbols`) hold the same values, and lookups are matched up to their ids, as
   * the kernel's check_ids matches ids of one state to the other's.
   */
  sameAtLoopHead(earlier: Environment, symbols: ReadonlySet<VariableSymbol>): boolean {
    if (this.packetRange !== earlier.packetRange) return false;
    const mine = new Map<number, number>();
    const theirs = new Map<number, number>();
    for (const symbol of symbols) {
      const a = this.locals.get(symbol);
      const b = earlier.locals.get(symbol);
      if (!a || !b) {
        if (a !== b) return false;
        continue;
      }
      if (JSON.stringify(describe(renumbered(a, mine))) !== JSON.stringify(describe(renumbered(b, theirs))))
        return false;
    }
    return true;
  }
}

function sameRanges(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, range] of a) if (b.get(id) !== range) return false;
  return true;
}

/** A value with its lookup id replaced by the order in which its state first met that id. */
function renumbered(value: AbsValue, ids: Map<number, number>): AbsValue {
  if (value.kind !== "map_value" && value.kind !== "sock") return value;
  let id = ids.get(value.id);
  if (id === undefined) {
    id = ids.size;
    ids.set(value.id, id);
  }
  return { ...value, id };
}

function describe(value: AbsValue): unknown {
  switch (value.kind) {
    case "scalar":
      return [value.kind, String(value.min), String(value.max)];
    case "stack":
      return [value.kind, value.symbol.id, value.off];
    case "map_ptr":
      return [value.kind, value.map.name, value.nullable ?? false, value.id ?? 0];
    case "map_value":
      return [value.name, value.off, value.nullable, value.id, value.saved, value.elidable ?? false].concat(
        value.variable ? [String(value.variable.min), String(value.variable.max)] : [],
      );
    case "packet":
      return [value.kind, value.off, value.id ?? 0, String(value.variable?.min), String(value.variable?.max)];
    case "ctx":
      // A variable offset is bigints, which JSON cannot hold: compared as the kernel prints it.
      return [
        value.kind,
        value.off,
        value.variable ? tnumText(value.variable) : null,
        value.registerOffset ?? null,
      ];
    default:
      return value;
  }
}

/** Where two paths meet: a local known on only one of them is unknown. Null is a dead path. */
export function joinEnvironments(a: Environment | null, b: Environment | null): Environment | null {
  if (!a) return b;
  if (!b) return a;
  const locals = new Map<VariableSymbol, AbsValue>();
  for (const [symbol, value] of a.locals) locals.set(symbol, join(value, b.locals.get(symbol)));
  const ranges = new Map<number, number>();
  for (const [id, range] of a.packetRanges) {
    const theirs = b.packetRanges.get(id);
    if (theirs !== undefined) ranges.set(id, Math.min(range, theirs));
  }
  // A reference either path still holds is still held: the path that did not release it fails.
  const references = new Map([...b.references, ...a.references]);
  return new Environment(
    locals,
    Math.min(a.packetRange, b.packetRange),
    ranges,
    references,
    joinLocks(a.lock, b.lock),
  );
}

export function joinAll(environments: readonly (Environment | null)[]): Environment | null {
  return environments.reduce<Environment | null>((joined, env) => joinEnvironments(joined, env), null);
}
