import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { parseScenario, RunRequest } from "../../src/engine";

const root = join(import.meta.dirname, "../..");
export const casesDir = join(import.meta.dirname, "cases");

/** A case's `scenario.json`, with the conformance-only fields the runner reads. */
export interface CaseScenario {
  readonly main: string;
  readonly conformance?: {
    /** Take the sources from this folder (relative to the repository) instead of the case's own. */
    readonly sources?: string;
    /** Then change them: each `from` must occur exactly once in `file`. */
    readonly replace?: readonly { readonly file: string; readonly from: string; readonly to: string }[];
    /** Why this kernel's answer and Tailscope's differ on purpose. */
    readonly kernelDiffers?: string;
    /** A difference between builds of one kernel version: where this build refuses the program. */
    readonly buildDependent?: string;
  };
  readonly [field: string]: unknown;
}

function cSources(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir))
    if (/\.(c|h)$/.test(name)) files[name] = readFileSync(join(dir, name), "utf8");
  return files;
}

export function caseScenario(name: string): CaseScenario {
  return JSON.parse(readFileSync(join(casesDir, name, "scenario.json"), "utf8"));
}

/**
 * A case's C sources: its own files, or a lesson's (so a lesson and its conformance case are
 * one text) with the replacements the case lists — a seed variant is the seed plus one fix.
 */
export function caseSources(name: string): Record<string, string> {
  const scenario = caseScenario(name);
  const from = scenario.conformance?.sources;
  const files = from ? cSources(join(root, from)) : cSources(join(casesDir, name));
  for (const change of scenario.conformance?.replace ?? []) {
    const text = files[change.file];
    if (text === undefined || text.split(change.from).length !== 2)
      throw new Error(`case ${name}: '${change.from}' must occur exactly once in ${change.file}`);
    files[change.file] = text.replace(change.from, change.to);
  }
  return files;
}

/** What Tailscope runs for a case: its sources and the parsed scenario's run settings. */
export function caseRequest(
  files: Record<string, string>,
  parsed: Extract<ReturnType<typeof parseScenario>, { ok: true }>,
): RunRequest {
  const { scenario } = parsed;
  return {
    files,
    main: parsed.main,
    cpus: scenario.cpus,
    entry: scenario.attach?.program,
    packets: scenario.packets,
    control: scenario.control,
    logpoints: scenario.logpoints,
  };
}
