import { toHex } from "../target/bytes";
import type { Machine } from "./machine";
import { MapOfMaps } from "./maps/map-of-maps";
import { ProgArrayMap } from "./maps/prog-array";
import { PAGE_BYTES, type Region } from "./memory";
import type { LargeGlobal, MapReport } from "./report";

/** Every map's entries as the run report lists them (contract.md §2). */
export function mapsReport(machine: Machine): Record<string, MapReport> {
  const report: Record<string, MapReport> = {};
  for (const [name, map] of machine.maps) {
    const { typeName: type, keySize, valueSize, maxEntries } = map.spec;
    const entries =
      map instanceof ProgArrayMap
        ? map.occupiedSlots().map((s) => ({ key: toHex(s.key), program: s.program }))
        : map instanceof MapOfMaps
          ? map.innerMaps().map((s) => ({ key: toHex(s.key), map: s.map.name }))
          : map
              .entries()
              .map((e) =>
                map.perCpu
                  ? { key: toHex(e.key), values: e.values.map(toHex) }
                  : { key: toHex(e.key), value: toHex(e.values[0]) },
              );
    const untouched = map.omitted();
    report[name] = { type, keySize, valueSize, maxEntries, entries, ...(untouched > 0 ? { untouched } : {}) };
  }
  return report;
}

/**
 * Every global variable the program declares (not bpf_printk's format strings), as raw bytes;
 * a kernel-sized one (see trackedRegion) is in `largeGlobalsReport` instead.
 */
export function globalsReport(machine: Machine): Record<string, string> {
  const report: Record<string, string> = {};
  for (const global of machine.object.globals) {
    if (global.staticLocal) continue;
    const stored = machine.globals.get(global.symbol);
    if (stored && !stored.written) report[global.name] = toHex(stored.bytes);
  }
  return report;
}

/** The kernel-sized globals: their size and the runs of bytes that are not zero, where written. */
export function largeGlobalsReport(machine: Machine): Record<string, LargeGlobal> {
  const report: Record<string, LargeGlobal> = {};
  for (const global of machine.object.globals) {
    const stored = machine.globals.get(global.symbol);
    if (!stored?.written || global.staticLocal) continue;
    report[global.name] = { size: stored.size, nonZero: nonZeroRuns(stored) };
  }
  return report;
}

/** The runs of bytes that are not zero in a large region's written pages, in order. */
function nonZeroRuns(region: Region): { offset: number; bytes: string }[] {
  const runs: { offset: number; bytes: string }[] = [];
  const pages = [...(region.written ?? [])].sort((a, b) => a - b);
  let runStart = -1;
  const close = (end: number) => {
    if (runStart >= 0) runs.push({ offset: runStart, bytes: toHex(region.bytes.subarray(runStart, end)) });
    runStart = -1;
  };
  let last = -1;
  for (const page of pages) {
    const from = page * PAGE_BYTES;
    const to = Math.min(region.size, from + PAGE_BYTES);
    if (from !== last) close(last);
    for (let i = from; i < to; i++) {
      if (region.bytes[i] !== 0) {
        if (runStart < 0) runStart = i;
      } else close(i);
    }
    last = to;
  }
  close(last);
  return runs;
}
