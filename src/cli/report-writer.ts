import type { RunReport } from "../engine";

/**
 * Writes the run report of contract.md §2 as JSON a piece at a time: a report of ten million
 * packets is gigabytes of text, more than one JavaScript string may hold. The maps, globals and
 * control errors are written as JSON.stringify would indent them; each packet takes one line.
 */
export function writeReportJson(
  report: RunReport,
  write: (text: string) => void,
  /** Each packet's logpoint lines, when the scenario has logpoints (contract.md §2). */
  logpoints?: readonly (readonly string[])[],
): void {
  const { packets, ...rest } = report;
  write(`{\n  "cpus": ${JSON.stringify(report.cpus)},\n  "packets": [`);
  // Lines are gathered into chunks: a write per packet would be millions of system calls.
  let chunk = "";
  for (let index = 0; index < packets.length; index++) {
    const packet = logpoints ? withLogpoints(packets[index], logpoints[index] ?? []) : packets[index];
    chunk += `${index === 0 ? "" : ","}\n    ${JSON.stringify({ index, ...packet })}`;
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = "";
    }
  }
  write(`${chunk}${packets.length > 0 ? "\n  " : ""}]`);
  for (const [key, value] of Object.entries(rest)) {
    if (key === "cpus" || value === undefined) continue;
    const indented = JSON.stringify(value, null, 2).replaceAll("\n", "\n  ");
    write(`,\n  ${JSON.stringify(key)}: ${indented}`);
  }
  write("\n}\n");
}

/** A packet with its logpoint lines, placed after its printk lines as the contract shows them. */
function withLogpoints(packet: RunReport["packets"][number], lines: readonly string[]): object {
  const { printk, ...rest } = packet;
  const { steps, fault, ...head } = rest;
  return { ...head, printk, logpoints: lines, steps, fault };
}
