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

/** BPF_MAP_TYPE_HASH, PERCPU_HASH, LRU_HASH and LRU_PERCPU_HASH (include/uapi/linux/bpf.h). */
export const hashMapTypes = new Set([1, 5, 9, 10]);

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
      : map;
  const kept = { ...run, maps };
  if (run.loadLog === undefined) return kept;
  return { ...kept, loadLog: run.loadLog.filter((line) => line && !/^\d+: |^;/.test(line)) };
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
