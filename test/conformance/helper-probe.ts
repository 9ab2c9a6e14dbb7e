// The helper sets Tailscope's verifier uses, against this kernel's: helper-probe.c loads a call
// to every helper id in each program type, and the sets it prints must be Tailscope's.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { ProgramType } from "../../src/engine/loader/sections";
import { gplOnlyHelpers } from "../../src/engine/source/helper-table";
import { buildDependentHelpers } from "../../src/engine/target/build-dependent";
import { helperAllowLists } from "../../src/engine/verify/helper-access";

/** Differences between the kernel's helper sets and Tailscope's, in words. */
export function compareHelperSets(work: string): string[] {
  const probe = join(work, "helper-probe");
  execFileSync("gcc", ["-O2", "-o", probe, join(import.meta.dirname, "helper-probe.c")]);
  const lines = execFileSync(probe, { encoding: "utf8" }).trim().split("\n");
  const sets = new Map<string, Set<number>>();
  for (const line of lines) {
    const [label, list] = line.split(":");
    sets.set(label.trim(), new Set(list.trim().split(/\s+/).filter(Boolean).map(Number)));
  }
  const problems: string[] = [];
  const differences = (ours: Set<number>, theirs: Set<number>) => ({
    extra: [...ours].filter((id) => !theirs.has(id)),
    missing: [...theirs].filter((id) => !ours.has(id)),
  });
  for (const [type, allowed] of Object.entries(helperAllowLists) as [ProgramType, ReadonlySet<number>][]) {
    const kernel = sets.get(type);
    if (!kernel) {
      problems.push(`${type}: the probe printed no set`);
      continue;
    }
    // Helpers one build allows and another refuses are left out of the comparison.
    const varies = buildDependentHelpers(type);
    const steady = (ids: Iterable<number>) => new Set([...ids].filter((id) => !varies.has(id)));
    const { extra, missing } = differences(steady(allowed), steady(kernel));
    if (extra.length || missing.length)
      problems.push(`${type}: Tailscope also allows [${extra}], the kernel also allows [${missing}]`);
    const gpl = differences(
      new Set([...allowed].filter((id) => gplOnlyHelpers.has(id))),
      sets.get(`${type} gpl`) ?? new Set(),
    );
    if (gpl.extra.length || gpl.missing.length)
      problems.push(
        `${type}: Tailscope also counts [${gpl.extra}] GPL-only, the kernel also [${gpl.missing}]`,
      );
  }
  return problems;
}
