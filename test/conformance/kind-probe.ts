// The rules of the program kinds Tailscope checks but does not run (src/engine/target/
// measured-kinds.ts), against this kernel's: kind-probe.c asks the verifier again, and any
// difference fails the conformance run (scripts/measured-kinds.mjs rewrites the table).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { buildDependentHelpers } from "../../src/engine/target/build-dependent";
import { measuredKinds } from "../../src/engine/target/measured-kinds";

/** Differences between the kernel's answers and the measured table, in words. */
export function compareMeasuredKinds(work: string): string[] {
  const probe = join(work, "kind-probe");
  execFileSync("gcc", [
    "-O2",
    "-o",
    probe,
    join(import.meta.dirname, "kind-probe.c"),
    "-lbpf",
    "-lelf",
    "-lz",
  ]);
  const kernel = new Map<string, Record<string, string>>();
  for (const line of execFileSync(probe, { encoding: "utf8" }).trim().split("\n")) {
    const match = /^(\S+) (errno|returns|read|write|argument write|helpers|helpers gpl):(.*)$/.exec(line);
    if (!match) return [`the probe printed '${line}'`];
    const [, name, what, list] = match;
    kernel.set(name, { ...kernel.get(name), [what]: list.trim() });
  }
  const problems: string[] = [];
  for (const [name, measured] of Object.entries(measuredKinds)) {
    const theirs = kernel.get(name);
    if (!theirs) {
      problems.push(`${name}: the probe printed nothing`);
      continue;
    }
    if (Number(theirs.errno) !== measured.loadErrno)
      problems.push(`${name}: loads with errno ${measured.loadErrno} here, the kernel ${theirs.errno}`);
    const values = theirs.returns.split(" ").filter(Boolean).map(Number);
    const range =
      values.length === 6 || values.length === 0 ? null : [Math.min(...values), Math.max(...values)];
    if (JSON.stringify(range) !== JSON.stringify(measured.returnRange))
      problems.push(
        `${name}: returns ${JSON.stringify(measured.returnRange)} here, the kernel ${JSON.stringify(range)}`,
      );
    const pairs = [
      ["read", measured.read],
      ["write", measured.write],
      ["helpers", measured.helpers],
      ["helpers gpl", measured.gplOnly],
      ["argument write", measured.argumentWrite],
    ] as const;
    // Helpers one build allows and another refuses are left out of the comparison.
    const varies = buildDependentHelpers(name);
    const steady = (list: string, what: string) =>
      what.startsWith("helpers")
        ? list
            .split(" ")
            .filter((id) => !varies.has(Number(id)))
            .join(" ")
        : list;
    for (const [what, ours] of pairs)
      if (steady(theirs[what] ?? "", what) !== steady(ours ?? "", what))
        problems.push(`${name} ${what}: '${ours}' here, the kernel '${theirs[what]}'`);
  }
  return problems;
}
