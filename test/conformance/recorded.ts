// What the kernel did for each case, recorded beside it (`kernel.json`), so that a machine that
// cannot load BPF programs (no root, no clang) still checks Tailscope against the kernel.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KernelRun } from "./kernel";
import { casesDir } from "./sources";

/** A kernel run as recorded: the kernel it came from, and its result for the case's CPUs. */
export interface RecordedRun {
  readonly kernel: string;
  readonly run: KernelRun;
}

const fileOf = (name: string) => join(casesDir, name, "kernel.json");

export function recordedRun(name: string): RecordedRun | null {
  const file = fileOf(name);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RecordedRun) : null;
}

/**
 * BPF_MAP_TYPE_HASH, PERCPU_HASH, LRU_HASH, LRU_PERCPU_HASH and LPM_TRIE (include/uapi/linux/bpf.h):
 * maps whose keys the report lists sorted by their bytes.
 */
export const hashMapTypes = new Set([1, 5, 9, 10, 11, 13]);

/**
 * What of a kernel run is worth keeping: the load verdict with the lines of its log that are
 * messages (not the instruction dump), and the results, a hash map's entries sorted by key (the
 * kernel dumps them in its bucket order, which varies from run to run).
 */
export function keptOf(run: KernelRun): KernelRun {
  const maps: KernelRun["maps"] = {};
  for (const [name, map] of Object.entries(run.maps))
    maps[name] = hashMapTypes.has(map.type)
      ? { ...map, entries: [...map.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) }
      : arrayMapTypes.has(map.type) && map.entries.length > LISTED_ARRAY_ELEMENTS
        ? compacted(map)
        : map;
  const globals: Record<string, string> = {};
  const largeGlobals: NonNullable<KernelRun["largeGlobals"]> = {};
  for (const [name, hex] of Object.entries(run.globals))
    if (hex.length > 2 * LARGE_GLOBAL_BYTES) largeGlobals[name] = largeGlobalOf(hex);
    else globals[name] = hex;
  const kept = { ...run, maps, globals, ...(Object.keys(largeGlobals).length > 0 ? { largeGlobals } : {}) };
  if (run.loadLog === undefined) return kept;
  return { ...kept, loadLog: run.loadLog.filter((line) => line && !/^\d+: |^;/.test(line)) };
}

/** A global this large is recorded (and reported by Tailscope) as its runs of bytes that are not zero. */
const LARGE_GLOBAL_BYTES = 1 << 20;

/** A global's hex as Tailscope's run report gives a large one: its size and its runs of non-zero bytes. */
export function largeGlobalOf(hex: string): { size: number; nonZero: { offset: number; bytes: string }[] } {
  const nonZero: { offset: number; bytes: string }[] = [];
  let start = -1;
  for (let i = 0; i <= hex.length; i += 2) {
    const zero = i === hex.length || hex.slice(i, i + 2) === "00";
    if (!zero && start < 0) start = i;
    if (zero && start >= 0) {
      nonZero.push({ offset: start / 2, bytes: hex.slice(start, i) });
      start = -1;
    }
  }
  return { size: hex.length / 2, nonZero };
}

/** BPF_MAP_TYPE_ARRAY and PERCPU_ARRAY. */
const arrayMapTypes = new Set([2, 6]);
/** Past this many elements, a recorded array keeps only the elements that are not all zeros. */
const LISTED_ARRAY_ELEMENTS = 1000;

function compacted(map: KernelRun["maps"][string]): KernelRun["maps"][string] {
  const kept = map.entries.filter((e) =>
    ("values" in e ? e.values : "value" in e ? [e.value] : ["1"]).some((v) => /[^0]/.test(v)),
  );
  return { ...map, zeros: map.entries.length - kept.length, entries: kept };
}

export function writeRecorded(name: string, run: KernelRun): void {
  const kernel = execFileSync("uname", ["-r"]).toString().trim();
  writeFileSync(fileOf(name), `${JSON.stringify({ kernel, run: keptOf(run) }, null, 2)}\n`);
}

/** Whether a live run still says what the recorded one does (the log's message lines aside). */
export function sameAsRecorded(live: KernelRun, recorded: RecordedRun): boolean {
  const { loadLog: _a, ...liveRest } = keptOf(live);
  const { loadLog: _b, ...recordedRest } = recorded.run;
  return JSON.stringify(liveRest) === JSON.stringify(recordedRest);
}
