import { type BuildSummary, innerMapRefusal, type MapSummary } from "../../engine";
import { slotRows } from "./graph-metrics";
import type { CursorView, GraphEdge, InnerMapRow, MapOfMapsNodeData } from "./graph-types";
import { mapNodeId } from "./graph-types";
import { indexKeyHex, keyLabel, littleEndianIndex } from "./map-keys";

/** A hash of maps lists at most this many filled slots in its node. */
const MAX_HASH_ROWS = 6;

/** A map of maps' slots at the cursor, from its entries there; before a run, as loaded. */
export function innerMapsAt(map: MapSummary, cursor: CursorView | null): { key: string; map: string }[] {
  const entries = cursor?.maps[map.name]?.entries;
  if (!entries) return [...map.innerMaps];
  return entries.flatMap((entry) => ("map" in entry ? [{ key: entry.key, map: entry.map }] : []));
}

/**
 * The rows a map-of-maps node lists: an array's slots as a prog array's are (all of a small
 * one, else the filled ones and one empty); a hash's filled keys, a few of them.
 */
export function innerMapRows(
  map: MapSummary,
  slots: readonly { key: string; map: string }[],
): { rows: InnerMapRow[]; more: number } {
  if (map.typeName === "array_of_maps") {
    const byIndex = slots.map((s) => ({ index: littleEndianIndex(s.key), program: s.map }));
    const rows = slotRows(map.maxEntries, byIndex).map((row) => ({
      key: indexKeyHex(row.index, map.keySize),
      label: `[${row.index}]`,
      map: row.program,
    }));
    return { rows, more: Math.max(0, slots.length - rows.filter((r) => r.map).length) };
  }
  const rows = slots
    .slice(0, MAX_HASH_ROWS)
    .map((s) => ({ key: s.key, label: keyLabel(map, s.key), map: s.map }));
  return { rows, more: slots.length - rows.length };
}

/** The maps of the build a map of maps may hold: those of its inner map's shape. */
export function innerMapCandidates(build: BuildSummary, map: MapSummary): string[] {
  const shape = map.holds;
  if (!shape) return [];
  return build.maps
    .filter((m) => m.name !== map.name && innerMapRefusal(shape, m) === null)
    .map((m) => m.name);
}

/** The node of a map of maps, at the cursor. */
export function mapOfMapsData(
  build: BuildSummary,
  map: MapSummary,
  cursor: CursorView | null,
): MapOfMapsNodeData {
  const { rows, more } = innerMapRows(map, innerMapsAt(map, cursor));
  return { map, rows, more, candidates: innerMapCandidates(build, map) };
}

/** An edge from a map of maps to each map in its slots, labelled with the slots holding it. */
export function holdsEdges(
  map: MapSummary,
  cursor: CursorView | null,
  known: ReadonlySet<string>,
): GraphEdge[] {
  const byInner = new Map<string, string[]>();
  for (const slot of innerMapsAt(map, cursor)) {
    if (!known.has(slot.map)) continue;
    const label =
      map.typeName === "array_of_maps" ? String(littleEndianIndex(slot.key)) : keyLabel(map, slot.key);
    byInner.set(slot.map, [...(byInner.get(slot.map) ?? []), label]);
  }
  return [...byInner].map(([inner, labels]) => ({
    id: `holds:${map.name}:${inner}`,
    source: mapNodeId(map.name),
    sourceHandle: "holds",
    target: mapNodeId(inner),
    targetHandle: "side",
    kind: "holds",
    label: `[${labels.join(", ")}]`,
  }));
}
