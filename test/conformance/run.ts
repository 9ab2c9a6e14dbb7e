// `npm run conformance`: every case under test/conformance/cases runs in Tailscope and in this
// machine's kernel (clang for the BPF target, libbpf, BPF_PROG_TEST_RUN pinned to each
// packet's CPU); any difference in load verdict, retval, printk lines, map bytes or globals
// fails the case. Needs root, clang, bpftool, gcc and libbpf-dev (.ci/run installs them).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Packet, parseScenario, type RunReport, simulate } from "../../src/engine";
import { generatePackets } from "../../src/engine/packets";
import { fromHex } from "../../src/engine/target/bytes";
import { errnoName } from "../../src/engine/target/errno";
import { compareHelperSets } from "./helper-probe";
import { type KernelRun, missingPrerequisite, possibleCpus, prepare, runInKernel } from "./kernel";
import { compareMeasuredKinds } from "./kind-probe";
import { sayTheSame } from "./log-match";
import { compareLogpointLines, splitLogpointLines, withLogpointsAsPrintk } from "./logpoints";
import { hashMapTypes, largeGlobalOf, recordedRun, sameAsRecorded, writeRecorded } from "./recorded";
import { caseRequest, caseScenario, caseSources, casesDir } from "./sources";
import { checkVerdicts } from "./verdict-property";

const root = join(import.meta.dirname, "../..");
const work = join(root, ".conformance");
const reportPath = join(root, "test-reports", "conformance.json");

/**
 * The kernel keeps a per-CPU copy for every possible CPU; a scenario may simulate fewer. The
 * copies of CPUs no packet ran on must be all zero, and are then left out of the comparison.
 */
function onlySimulatedCpus(kernel: KernelRun, cpus: number): KernelRun {
  const maps: KernelRun["maps"] = {};
  for (const [name, map] of Object.entries(kernel.maps)) {
    maps[name] = {
      ...map,
      entries: map.entries.map((entry) => {
        if (!("values" in entry)) return entry;
        const extra = entry.values.slice(cpus).find((value) => /[^0]/.test(value));
        if (extra) throw new Error(`map ${name}: a CPU that ran no packet holds ${extra}`);
        return { key: entry.key, values: entry.values.slice(0, cpus) };
      }),
    };
  }
  return { ...kernel, maps };
}

/** Whether a map entry's value (or any CPU's) has a byte that is not zero. */
function holdsSomething(
  entry: { key: string } & ({ value: string } | { values: string[] } | { program: string } | { map: string }),
): boolean {
  if ("program" in entry || "map" in entry) return true;
  return ("values" in entry ? entry.values : [entry.value]).some((value) => /[^0]/.test(value));
}

/**
 * A queue's or stack's values in the order pops take them, without keys, as the harness dumps
 * them (the report keys each by its push number, which the kernel does not show); any other
 * map's entries as they are.
 */
function popOrder(map: RunReport["maps"][string]): RunReport["maps"][string]["entries"] {
  if (map.type !== "queue" && map.type !== "stack") return map.entries;
  const keyless = map.entries.map((entry) => ({ ...entry, key: "" }));
  return map.type === "stack" ? keyless.reverse() : keyless;
}

/** Differences between Tailscope's report and the kernel's run, in words. */
function compare(report: RunReport, kernel: KernelRun): string[] {
  const problems: string[] = [];
  report.packets.forEach((packet, i) => {
    const k = kernel.packets[i];
    if (!k) return problems.push(`packet ${i}: the kernel did not run it`);
    const theirError = k.error === 0 ? null : errnoName(k.error);
    const ourError = packet.testRunError?.errno ?? null;
    if (theirError !== ourError)
      problems.push(
        `packet ${i}: BPF_PROG_TEST_RUN returned ${theirError ?? 0}, Tailscope's ${ourError ?? 0}`,
      );
    if (packet.retval !== k.retval) problems.push(`packet ${i}: retval ${packet.retval}, kernel ${k.retval}`);
    const output = JSON.stringify(packet.output ?? []);
    if (k.output !== undefined && output !== JSON.stringify(k.output))
      problems.push(`packet ${i}: output ${output}, kernel ${JSON.stringify(k.output)}`);
    if ((packet.packetOut ?? null) !== (k.packetOut ?? null))
      problems.push(
        `packet ${i}: the packet after the run is ${packet.packetOut ?? "unchanged"}, the kernel's ${k.packetOut ?? "unchanged"}`,
      );
    if (JSON.stringify(packet.printk) !== JSON.stringify(k.printk)) {
      problems.push(
        `packet ${i}: printk ${JSON.stringify(packet.printk)}, kernel ${JSON.stringify(k.printk)}`,
      );
    }
  });
  for (const [name, map] of Object.entries(report.maps)) {
    const k = kernel.maps[name];
    if (!k) {
      problems.push(`map ${name}: missing in the kernel's object`);
      continue;
    }
    // The kernel keeps 15 characters of a program's name (BPF_OBJ_NAME_LEN).
    const normalise = (entries: unknown[]) =>
      JSON.stringify(
        entries.map((e) =>
          "program" in (e as object)
            ? { ...(e as object), program: (e as { program: string }).program.slice(0, 15) }
            : e,
        ),
      );
    // The contract lists a hash map's keys sorted by their bytes; the kernel dumps them in its
    // own bucket order.
    let kernelEntries = hashMapTypes.has(k.type)
      ? [...k.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      : k.entries;
    // A large array lists the elements the run reached (and a recorded one only those not all
    // zeros): then compare the elements that hold something, and that every element is counted.
    if (map.untouched !== undefined || k.zeros !== undefined) {
      const total = map.entries.length + (map.untouched ?? 0);
      const kernelTotal = kernelEntries.length + (k.zeros ?? 0);
      if (total !== kernelTotal)
        problems.push(`map ${name}: ${total} elements in all, the kernel's ${kernelTotal}`);
      kernelEntries = kernelEntries.filter(holdsSomething);
      if (normalise(map.entries.filter(holdsSomething)) !== normalise(kernelEntries))
        problems.push(
          `map ${name}: ${JSON.stringify(map.entries.filter(holdsSomething))}, kernel ${JSON.stringify(kernelEntries)}`,
        );
      continue;
    }
    const ours = popOrder(map);
    if (normalise(ours) !== normalise(kernelEntries))
      problems.push(`map ${name}: ${JSON.stringify(ours)}, kernel ${JSON.stringify(kernelEntries)}`);
  }
  // Which action of the scenario an error was is Tailscope's own note; the kernel has none.
  const ours = JSON.stringify((report.control ?? []).map(({ action: _action, ...error }) => error));
  const theirs = JSON.stringify(kernel.controlErrors ?? []);
  if (ours !== theirs) problems.push(`control-plane errors ${ours}, kernel ${theirs}`);
  for (const name of Object.keys(kernel.maps))
    if (!(name in report.maps) && !name.startsWith("."))
      problems.push(`map ${name}: missing in Tailscope's report`);
  for (const [name, bytes] of Object.entries(report.globals)) {
    if (kernel.globals[name] !== bytes)
      problems.push(`global ${name}: ${bytes}, kernel ${kernel.globals[name]}`);
  }
  for (const [name, large] of Object.entries(report.largeGlobals ?? {})) {
    const theirs = kernel.largeGlobals?.[name] ?? largeGlobalOf(kernel.globals[name] ?? "");
    if (JSON.stringify(large) !== JSON.stringify(theirs))
      problems.push(
        `global ${name}: ${JSON.stringify(large).slice(0, 400)}, kernel ${JSON.stringify(theirs).slice(0, 400)}`,
      );
  }
  return problems;
}

type Outcome = { status: "passed" | "failed" | "skipped"; problems: string[] };

/**
 * Runs a case in Tailscope and compares it with the kernel: this machine's, when it can run
 * BPF programs (and then checks the recorded result is still what the kernel does, or records
 * it with --record), else the result recorded beside the case.
 */
function runCase(name: string, live: { cpus: number } | null, record: boolean): Outcome {
  const files = caseSources(name);
  const raw = caseScenario(name);
  const parsed = parseScenario({ ...raw, files });
  if (!parsed.ok) return { status: "failed", problems: parsed.errors };
  const scenario = parsed.scenario;
  const recorded = recordedRun(name);
  let kernel: KernelRun;
  const notes: string[] = [];
  if (live) {
    if (scenario.cpus > live.cpus)
      return {
        status: "skipped",
        problems: [`needs ${scenario.cpus} possible CPUs; this machine has ${live.cpus}`],
      };
    // clang compiles from a folder of its own: the case's sources as Tailscope reads them.
    const caseDir = join(work, "sources", name);
    rmSync(caseDir, { recursive: true, force: true });
    mkdirSync(caseDir, { recursive: true });
    // With logpoints, the kernel runs them as real bpf_printk calls (see logpoints.ts).
    const kernelFiles = scenario.logpoints ? withLogpointsAsPrintk(files, scenario.logpoints) : files;
    for (const [file, text] of Object.entries(kernelFiles)) writeFileSync(join(caseDir, file), text);
    const packets: Packet[] = Array.isArray(scenario.packets)
      ? scenario.packets.map((p) => ({ cpu: p.cpu, bytes: fromHex(p.bytes) }))
      : generatePackets(scenario.packets, scenario.cpus);
    const entry = scenario.attach?.program ?? "";
    const ran = runInKernel(caseDir, name, parsed.main, entry, packets, scenario.control);
    kernel = ran.loadError === undefined ? onlySimulatedCpus(ran, scenario.cpus) : ran;
    if (record || !recorded) writeRecorded(name, kernel);
    else if (!sameAsRecorded(kernel, recorded))
      return {
        status: "failed",
        problems: [
          `the kernel's result is not the one recorded in kernel.json (from ${recorded.kernel}): if this kernel behaves differently, document it; to record this kernel's, run npm run conformance -- --record ${name}`,
        ],
      };
  } else if (recorded) {
    kernel = recorded.run;
    notes.push(`against the result recorded on ${recorded.kernel}`);
  } else return { status: "skipped", problems: ["no kernel here and no recorded result"] };
  const outcome = compareWithKernel(name, raw, files, parsed, kernel);
  return { ...outcome, problems: [...outcome.problems, ...(outcome.status === "passed" ? notes : [])] };
}

function compareWithKernel(
  name: string,
  raw: ReturnType<typeof caseScenario>,
  files: Record<string, string>,
  parsed: Extract<ReturnType<typeof parseScenario>, { ok: true }>,
  kernel: KernelRun,
): Outcome {
  const scenario = parsed.scenario;
  const result = simulate(caseRequest(files, parsed));
  // A case may document where this kernel's answer and Tailscope's differ on purpose, and why.
  const documented = raw.conformance?.kernelDiffers;
  if (documented) {
    const differ = !result.ok !== (kernel.loadError !== undefined);
    return differ
      ? { status: "passed", problems: [`documented difference: ${documented}`] }
      : {
          status: "failed",
          problems: [`${name}: documented as differing (${documented}), but the kernel agrees now`],
        };
  }
  // A case may document a difference between builds of one kernel version: where this build
  // refuses what Tailscope (and the other build) loads, that is all there is to compare.
  const buildDependent = raw.conformance?.buildDependent;
  if (buildDependent && result.ok && kernel.loadError !== undefined)
    return { status: "passed", problems: [`build-dependent, refused by this build: ${buildDependent}`] };
  // A type Tailscope checks but does not run (a tracepoint): what can be compared is the load.
  if (!result.ok && result.error.stage === "run") {
    if (kernel.loadError === undefined)
      return { status: "passed", problems: ["checked, not run: both load it"] };
    return {
      status: "failed",
      problems: [`the kernel refused to load it (${kernel.loadError}), Tailscope's verifier accepted it`],
    };
  }
  if (!result.ok) {
    if (kernel.loadError === undefined)
      return {
        status: "failed",
        problems: [`Tailscope refused it (${result.error.diagnostics[0]?.message}), the kernel loaded it`],
      };
    // A verifier rejection must be in the kernel's words: the message is a line of its log.
    const unmatched = result.error.diagnostics.filter(
      (d) => d.stage === "verify" && !kernel.loadLog?.some((line) => sayTheSame(line, d.message)),
    );
    if (
      kernel.loadError !== "clang" &&
      unmatched.length > 0 &&
      unmatched.length === result.error.diagnostics.length
    )
      return {
        status: "failed",
        problems: [
          `Tailscope said "${unmatched[0].message}"; the kernel's log says:\n      ${(kernel.loadLog ?? []).filter((l) => l && !/^\d+: |^;/.test(l)).join("\n      ")}`,
        ],
      };
    return { status: "passed", problems: [] };
  }
  if (kernel.loadError !== undefined)
    return {
      status: "failed",
      problems: [`the kernel refused to load it (${kernel.loadError}), Tailscope ran it`],
    };
  if (scenario.logpoints) {
    const split = splitLogpointLines(kernel);
    const errors = (result.logpoints?.errors ?? []).filter((e) => e !== null);
    const problems = [
      ...errors.map((e) => `a logpoint does not compile: ${e}`),
      ...compare(result.report, split.kernel),
      ...compareLogpointLines(result.logpoints?.lines ?? [], split.lines),
    ];
    return { status: problems.length === 0 ? "passed" : "failed", problems };
  }
  const problems = compare(result.report, kernel);
  return { status: problems.length === 0 ? "passed" : "failed", problems };
}

function main(): number {
  // `npm run conformance -- lesson seed` runs the cases whose names contain one of the words;
  // `--record` writes each case's kernel result beside it (kernel.json) from this machine's kernel;
  // `--recorded` compares with the recorded results even where the kernel could run the cases.
  const args = process.argv.slice(2);
  const record = args.includes("--record");
  const only = args.filter((a) => !a.startsWith("--"));
  const cases = readdirSync(casesDir)
    .sort()
    .filter((name) => only.length === 0 || only.some((word) => name.includes(word)));
  const missing = args.includes("--recorded") ? "--recorded" : missingPrerequisite();
  if (missing)
    console.log(`conformance: no kernel to run the cases in (${missing}); using the recorded results`);
  else prepare();
  const live = missing ? null : { cpus: possibleCpus() };
  const results: { name: string; status: string; problems: string[] }[] = [];
  for (const name of cases) {
    let outcome: Outcome;
    try {
      outcome = runCase(name, live, record);
    } catch (error) {
      outcome = { status: "failed", problems: [String((error as { stderr?: Buffer }).stderr ?? error)] };
    }
    results.push({ name, ...outcome });
    const mark = outcome.status === "passed" ? "✓" : outcome.status === "skipped" ? "-" : "✗";
    console.log(
      `${mark} ${name}${outcome.problems.length ? `\n    ${outcome.problems.join("\n    ")}` : ""}`,
    );
  }
  if (live && (only.length === 0 || only.some((word) => "helper-sets".includes(word)))) {
    // Not a case: which helpers each program type may call, as this kernel answers.
    const problems = compareHelperSets(work);
    results.push({ name: "helper-sets", status: problems.length ? "failed" : "passed", problems });
    console.log(
      `${problems.length ? "✗" : "✓"} helper-sets${problems.length ? `\n    ${problems.join("\n    ")}` : ""}`,
    );
  }
  if (live && (only.length === 0 || only.some((word) => "kind-rules".includes(word)))) {
    // Not a case: what the checked-only kinds may do with their context, return and call.
    const problems = compareMeasuredKinds(work);
    results.push({ name: "kind-rules", status: problems.length ? "failed" : "passed", problems });
    console.log(
      `${problems.length ? "✗" : "✓"} kind-rules${problems.length ? `\n    ${problems.join("\n    ")}` : ""}`,
    );
  }
  if (live && (only.length === 0 || only.some((word) => "verdict-property".includes(word)))) {
    // Not a case: generated programs, each loaded by the kernel and by Tailscope.
    const runs = Number(process.env.VERDICT_RUNS ?? 60);
    const seed = Number(process.env.VERDICT_SEED ?? 22);
    const problems = checkVerdicts(work, runs, seed);
    results.push({ name: "verdict-property", status: problems.length ? "failed" : "passed", problems });
    console.log(
      `${problems.length ? "✗" : "✓"} verdict-property (${runs} programs, seed ${seed})${problems.length ? `\n    ${problems.join("\n    ")}` : ""}`,
    );
  }
  const count = (status: string) => results.filter((r) => r.status === status).length;
  mkdirSync(join(root, "test-reports"), { recursive: true });
  writeFileSync(
    reportPath,
    JSON.stringify(
      { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), cases: results },
      null,
      2,
    ),
  );
  console.log(
    `conformance: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped`,
  );
  return count("failed") > 0 ? 1 : 0;
}

process.exitCode = main();
