import type { BuildSummary, RunReport } from "../../engine";
import type { Condition, Exercise } from "../../lessons";

/** What a check found: done, or every reason it is not. */
export type Verdict = { readonly done: true } | { readonly done: false; readonly wrong: readonly string[] };

const quote = (text: string) => `“${text}”`;

function mapTypeWrong(build: BuildSummary, map: string, type: string): string | null {
  const found = build.maps.find((m) => m.name === map);
  if (!found) return `There is no map named ${map} any more.`;
  return found.typeName === type ? null : `${map} is a ${found.typeName}; the task needs a ${type}.`;
}

function everyCpuPrintsWrong(report: RunReport, text: string): string | null {
  const cpus = [...new Set(report.packets.map((p) => p.cpu))].sort((a, b) => a - b);
  const silent = cpus.filter(
    (cpu) => !report.packets.some((p) => p.cpu === cpu && p.printk.some((line) => line.includes(text))),
  );
  if (silent.length === 0) return null;
  const cpu = silent[0];
  const last = [...report.packets]
    .reverse()
    .find((p) => p.cpu === cpu)
    ?.printk.at(-1);
  const said =
    last === undefined ? `CPU ${cpu} printed nothing` : `CPU ${cpu}'s last line was ${quote(last)}`;
  const who = silent.length === 1 ? `CPU ${cpu}` : `CPUs ${silent.join(", ")}`;
  return `${who} never printed ${quote(text)}: ${said}.`;
}

function noPrintkWrong(report: RunReport, text: string): string | null {
  const index = report.packets.findIndex((p) => p.printk.some((line) => line.includes(text)));
  if (index < 0) return null;
  const line = report.packets[index].printk.find((l) => l.includes(text)) ?? "";
  return `Packet ${index} on CPU ${report.packets[index].cpu} still prints ${quote(line)}.`;
}

function everyPacketWrong(
  report: RunReport,
  want: { hops?: number; retval?: number; endsIn?: string },
): string | null {
  for (const [index, packet] of report.packets.entries()) {
    const where = `Packet ${index} on CPU ${packet.cpu}`;
    if (packet.fault) return `${where} stops with a fault: ${packet.fault.message}.`;
    const hops = packet.tailCalls.filter((t) => t.outcome === "jumped").length;
    if (want.hops !== undefined && hops !== want.hops)
      return `${where} makes ${hops} tail call${hops === 1 ? "" : "s"}; the task asks for exactly ${want.hops}.`;
    if (want.retval !== undefined && packet.retval !== want.retval)
      return `${where} returns ${packet.retval}; the task asks for ${want.retval}.`;
    const last = packet.programs.at(-1);
    if (want.endsIn !== undefined && last !== want.endsIn)
      return `${where} ends in ${last ?? "no program"}; the task asks for ${want.endsIn}.`;
  }
  return null;
}

function conditionWrong(condition: Condition, build: BuildSummary, report: RunReport | null): string | null {
  if ("builds" in condition) {
    if (!build.loaded) return "The sources do not build yet: see Problems for the first error.";
    return build.runnable ? null : "The sources build, but the verifier refuses a program: see Problems.";
  }
  if ("mapType" in condition) return mapTypeWrong(build, condition.mapType.map, condition.mapType.type);
  if (!report) return "Run the scenario: the check reads what the run did.";
  if ("everyCpuPrints" in condition) return everyCpuPrintsWrong(report, condition.everyCpuPrints);
  if ("noPrintk" in condition) return noPrintkWrong(report, condition.noPrintk);
  if ("everyPacket" in condition) return everyPacketWrong(report, condition.everyPacket);
  const { packet, program } = condition.packetReaches;
  const programs = report.packets[packet]?.programs ?? [];
  return programs.includes(program)
    ? null
    : `Packet ${packet} runs ${programs.join(" → ") || "nothing"}; it never gets to ${program}.`;
}

/** Checks an exercise against the build and the last run: done, or what is still wrong, in words. */
export function checkExercise(
  exercise: Exercise,
  build: BuildSummary | null,
  report: RunReport | null,
): Verdict {
  if (!build) return { done: false, wrong: ["The sources have not been built yet."] };
  const wrong = exercise.check
    .map((condition) => conditionWrong(condition, build, report))
    .filter((why): why is string => why !== null);
  return wrong.length === 0 ? { done: true } : { done: false, wrong };
}
