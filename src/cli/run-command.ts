import { type Diagnostic, formatDiagnostic, type RunReport, type RunRequest, simulate } from "../engine";
import { writeReportJson } from "./report-writer";
import { InputError, type LoadedInput } from "./sources";

export interface RunOptions {
  readonly json: boolean;
  readonly entry?: string;
  readonly cpus?: number;
  readonly packets?: number;
}

/** Defaults for a bare .c file (contract.md §3): 2 CPUs, 4 generated IPv4/UDP packets, round-robin. */
const defaultCpus = 2;
const defaultPackets = 4;

/** The run a command asks for: the scenario's, or a .c file's defaults, with the options over them. */
export function requestOf(input: LoadedInput, options: Omit<RunOptions, "json"> = {}): RunRequest {
  const scenario = input.scenario;
  const cpus = options.cpus ?? scenario?.cpus ?? defaultCpus;
  const generated = {
    count: options.packets ?? defaultPackets,
    cpu: "round-robin" as const,
    seed: 1,
    template: "ipv4-udp" as const,
  };
  let packets = scenario?.packets ?? generated;
  if (options.packets !== undefined && scenario && !Array.isArray(scenario.packets))
    packets = { ...scenario.packets, count: options.packets };
  else if (options.packets !== undefined && !scenario) packets = generated;
  return {
    files: input.files,
    main: input.main,
    cpus,
    entry: options.entry ?? scenario?.attach?.program,
    packets,
    control: scenario?.control,
    schedule: scenario?.schedule,
    logpoints: scenario?.logpoints,
    includeDirs: scenario?.includeDirs,
  };
}

/** `run`: the run report as JSON, or a summary a person reads. Exit 1 when it cannot run. */
export function runCommand(input: LoadedInput, options: RunOptions, write: (text: string) => void): number {
  const result = simulate(requestOf(input, options));
  if (!result.ok) return writeBuildError(result.error, options.json, write);
  const logpointErrors = (result.logpoints?.errors ?? []).flatMap((error, i) =>
    error === null ? [] : [`${input.path}: logpoints[${i}]: ${error}`],
  );
  if (logpointErrors.length > 0) throw new InputError(logpointErrors.join("\n"));
  if (!options.json)
    for (const d of result.diagnostics) if (d.severity === "warning") write(`${formatDiagnostic(d)}\n`);
  if (options.json) writeReportJson(result.report, write, result.logpoints?.lines);
  else writeSummary(result.report, write, result.logpoints?.lines);
  return 0;
}

/** Why a scenario did not build, as `run` writes it: JSON or GCC-style lines. Exit status 1. */
export function writeBuildError(
  error: { stage: string; diagnostics: readonly Diagnostic[] },
  json: boolean,
  write: (text: string) => void,
): number {
  if (json)
    write(
      `${JSON.stringify({ error: { stage: error.stage, diagnostics: error.diagnostics.map(plain) } }, null, 2)}\n`,
    );
  else for (const d of error.diagnostics) write(`${formatDiagnostic(d)}\n`);
  return 1;
}

function plain(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    stage: d.stage,
    message: d.message,
  };
}

/**
 * The summary a person reads, written a chunk at a time: ten million packets make a summary far
 * larger than the memory a run needs, so it is never held whole.
 */
function writeSummary(
  report: RunReport,
  write: (text: string) => void,
  logpoints?: readonly (readonly string[])[],
): void {
  let chunk = "";
  const line = (text: string) => {
    chunk += `${text}\n`;
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = "";
    }
  };
  for (const [index, p] of report.packets.entries()) {
    if (p.testRunError) {
      line(
        `packet ${index} on CPU ${p.cpu}: refused by BPF_PROG_TEST_RUN: ${p.testRunError.errno} (${p.testRunError.reason})`,
      );
      continue;
    }
    const outcome = p.fault
      ? `FAULT ${p.fault.file}:${p.fault.line}: ${p.fault.message}`
      : `retval ${p.retval}`;
    line(`packet ${index} on CPU ${p.cpu}: ${p.programs.join(" -> ")}  (${p.steps} statements, ${outcome})`);
    for (const t of p.tailCalls)
      if (t.outcome !== "jumped") line(`  tail call from ${t.from} to ${t.map}[${t.key}]: ${t.outcome}`);
    for (const printed of p.printk) line(`  printk: ${printed}`);
    for (const record of p.output ?? []) line(`  record to ${record.map}: ${record.data}`);
    if (p.packetOut) line(`  packet after the run: ${p.packetOut}`);
    for (const logged of logpoints?.[index] ?? []) line(`  logpoint: ${logged}`);
  }
  write(chunk);
  write(summaryOfState(report));
}

/** The maps, globals and control-plane errors after the run. */
function summaryOfState(report: RunReport): string {
  const lines: string[] = [];
  for (const [name, map] of Object.entries(report.maps)) {
    const listed = `${map.entries.length} entr${map.entries.length === 1 ? "y" : "ies"}`;
    const untouched = map.untouched
      ? `, ${map.untouched.toLocaleString("en")} others never reached (zeros)`
      : "";
    lines.push(`map ${name} (${map.type}, ${listed}${untouched})`);
    for (const entry of map.entries) {
      const shown =
        "program" in entry
          ? entry.program
          : "map" in entry
            ? `map ${entry.map}`
            : "values" in entry
              ? entry.values.map((v, cpu) => `CPU ${cpu}: ${v}`).join(", ")
              : entry.value;
      lines.push(`  ${entry.key}: ${shown}`);
    }
  }
  for (const [name, bytes] of Object.entries(report.globals)) lines.push(`global ${name} = ${bytes}`);
  for (const e of report.control ?? [])
    lines.push(
      `control-plane action${e.action === undefined ? "" : ` ${e.action}`} before packet ${e.beforePacket} on ${e.map}: ${e.error}`,
    );
  return lines.map((line) => `${line}\n`).join("");
}
