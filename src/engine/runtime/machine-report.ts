import { toHex } from "../target/bytes";
import type { Machine } from "./machine";
import { ProgArrayMap } from "./maps/prog-array";
import type { MapReport } from "./report";

/** Every map's entries as the run report lists them (contract.md §2). */
export function mapsReport(machine: Machine): Record<string, MapReport> {
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
export function globalsReport(machine: Machine): Record<string, string> {
  const report: Record<string, string> = {};
  for (const global of machine.object.globals) {
    if (global.staticLocal) continue;
    const stored = machine.globals.get(global.symbol);
    if (stored) report[global.name] = toHex(stored.bytes);
  }
  return report;
}
