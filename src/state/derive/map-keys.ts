import type { MapSummary } from "../../engine";
import { decodeField } from "./field";

/** How many keys a map node shows; the inspector lists every entry. */
export const SHOWN_KEYS = { shared: 4, perCpu: 2 } as const;

/** One key as a map node shows it. */
export interface ShownKey {
  /** The key's bytes in hex, as the run report writes them. */
  readonly hex: string;
  /** The key as a person reads it: `7`, `{sport=80, dport=53}`, or hex for opaque bytes. */
  readonly label: string;
  /** The key as a column or block heading: `key 7`, or a queue's `next out` / `push #5`. */
  readonly heading: string;
}

export interface ShownKeys {
  readonly keys: readonly ShownKey[];
  /** Keys with a value that the node leaves out (the inspector shows them). */
  readonly more: number;
  /** A hash map with no entry at all. */
  readonly empty: boolean;
}

const arrayLike = new Set(["array", "percpu_array"]);

/** The little-endian bytes of an array index, as the kernel keys an array. */
export function indexKeyHex(index: number, size: number): string {
  let hex = "";
  for (let i = 0; i < size; i++) hex += ((index >>> (8 * i)) & 0xff).toString(16).padStart(2, "0");
  return hex;
}

/** An array's key in hex, as its little-endian index. */
export function littleEndianIndex(hex: string): number {
  let value = 0;
  for (let i = hex.length - 2; i >= 0; i -= 2) value = value * 256 + Number.parseInt(hex.slice(i, i + 2), 16);
  return value;
}

/** Queues and stacks: values without keys, which the report names by their push number. */
const keyless = new Set(["queue", "stack"]);

/** An LPM trie key's data as an address: dotted IPv4, IPv6 in groups, or hex for other sizes. */
function prefixData(hex: string): string {
  const bytes = hex.match(/../g) ?? [];
  if (bytes.length === 4) return bytes.map((b) => Number.parseInt(b, 16)).join(".");
  if (bytes.length === 16)
    return Array.from({ length: 8 }, (_, i) =>
      Number.parseInt(bytes[2 * i] + bytes[2 * i + 1], 16).toString(16),
    ).join(":");
  return hex;
}

/** A key's bytes, decoded by the key's type when Tailscope knows it. */
export function keyLabel(map: MapSummary, hex: string): string {
  if (keyless.has(map.typeName)) return `push #${decodeField(hex, { offset: 0, size: 4, signed: false })}`;
  if (map.typeName === "lpm_trie" && hex.length >= 10)
    return `${prefixData(hex.slice(8))}/${decodeField(hex, { offset: 0, size: 4, signed: false })}`;
  const fields = map.keyFields;
  if (fields && fields.length === 1 && fields[0]?.name === "") return decodeField(hex, fields[0]);
  if (fields && fields.length > 0)
    return `{${fields.map((f) => `${f.name}=${decodeField(hex, f)}`).join(", ")}}`;
  if (map.keySize <= 8) return decodeField(hex, { offset: 0, size: map.keySize, signed: false });
  return hex;
}

function shownKey(map: MapSummary, hex: string, label: string): ShownKey {
  return { hex, label, heading: keyless.has(map.typeName) ? label : `key ${label}` };
}

function isZero(hex: string | null | undefined): boolean {
  return !hex || /^0*$/.test(hex);
}

/** Orders keys as numbers (little-endian), the order `bpftool map dump` shows an array in. */
function compareKeys(a: string, b: string): number {
  for (let i = a.length - 2; i >= 0; i -= 2) {
    const byteA = a.slice(i, i + 2);
    const byteB = b.slice(i, i + 2);
    if (byteA !== byteB) return byteA < byteB ? -1 : 1;
  }
  return 0;
}

/**
 * The keys a map node shows. An array always has every key, zero-filled, so it shows the keys
 * that hold something or that the last move changed, topped up with the lowest indices; a hash
 * map shows the entries it has, in key order. Either way a few, and how many more there are.
 */
export function shownKeys(
  map: MapSummary,
  values: Readonly<Record<string, readonly string[]>>,
  before: Readonly<Record<string, readonly (string | null)[]>>,
): ShownKeys {
  const limit = map.perCpu ? SHOWN_KEYS.perCpu : SHOWN_KEYS.shared;
  const changed = Object.keys(before).filter((k) => before[k]?.some((v) => v !== null));
  if (arrayLike.has(map.typeName)) {
    const busy = Object.keys(values).filter((k) => values[k]?.some((v) => !isZero(v)));
    const wanted = [...new Set([...changed, ...busy])].sort(compareKeys);
    const picked = wanted.slice(0, limit);
    for (let index = 0; picked.length < Math.min(limit, map.maxEntries) && index < map.maxEntries; index++) {
      const hex = indexKeyHex(index, map.keySize);
      if (!picked.includes(hex)) picked.push(hex);
    }
    picked.sort(compareKeys);
    return {
      keys: picked.map((hex) => shownKey(map, hex, keyLabel(map, hex))),
      more: wanted.filter((k) => !picked.includes(k)).length,
      empty: false,
    };
  }
  if (keyless.has(map.typeName)) return queuedKeys(map, values, limit);
  const present = Object.keys(values).sort(compareKeys);
  // A key the last move deleted is no longer in `values`; the entries shown are the present ones.
  const first = [...new Set([...changed.filter((k) => k in values), ...present])]
    .slice(0, limit)
    .sort(compareKeys);
  return {
    keys: first.map((hex) => shownKey(map, hex, keyLabel(map, hex))),
    more: present.length - first.length,
    empty: present.length === 0,
  };
}

/**
 * A queue's or stack's values in the order pops take them (a queue's oldest first, a stack's
 * newest), the next one to go labelled as such.
 */
function queuedKeys(
  map: MapSummary,
  values: Readonly<Record<string, readonly string[]>>,
  limit: number,
): ShownKeys {
  const inPushOrder = Object.keys(values).sort(compareKeys);
  const popOrder = map.typeName === "stack" ? inPushOrder.reverse() : inPushOrder;
  const first = popOrder.slice(0, limit);
  return {
    keys: first.map((hex, i) => shownKey(map, hex, i === 0 ? "next out" : keyLabel(map, hex))),
    more: popOrder.length - first.length,
    empty: popOrder.length === 0,
  };
}

/** What a map node says when it lists nothing: a bloom filter never can (its values are only tested). */
export function emptyMapText(map: MapSummary): string {
  if (map.typeName === "bloom_filter") return "only tested, never listed";
  if (map.typeName === "ringbuf" || map.typeName === "perf_event_array") return "records → the run log";
  return "no entries";
}
