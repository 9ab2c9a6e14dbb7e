import type { Logpoint } from "../../src/engine";
import type { KernelRun } from "./kernel";

/**
 * A case with logpoints checks them against the kernel: clang compiles the sources with each
 * logpoint written in as a real `bpf_printk(format, args…);` at the start of its line, and the
 * kernel's printk lines that come from those (every logpoint format in a case starts with this
 * marker) must be Tailscope's logpoint lines, while the rest, the maps and the globals must be
 * Tailscope's report of the unchanged program: a logpoint changes nothing the program sees.
 */
export const LOGPOINT_MARKER = "logpoint:";

/** The sources with each logpoint as a bpf_printk before the statement that starts its line. */
export function withLogpointsAsPrintk(
  files: Record<string, string>,
  logpoints: readonly Logpoint[],
): Record<string, string> {
  const out = { ...files };
  // Bottom up within a file, so an insertion never moves another logpoint's line.
  const ordered = [...logpoints].sort((a, b) => b.line - a.line);
  for (const point of ordered) {
    if (!point.format.startsWith(LOGPOINT_MARKER))
      throw new Error(`a conformance case's logpoint formats start with "${LOGPOINT_MARKER}"`);
    const lines = (out[point.file] ?? "").split("\n");
    const text = lines[point.line - 1];
    if (text === undefined) throw new Error(`${point.file} has no line ${point.line}`);
    const indent = text.length - text.trimStart().length;
    const call = `bpf_printk(${JSON.stringify(point.format)}${point.args.map((a) => `, ${a}`).join("")}); `;
    lines[point.line - 1] = text.slice(0, indent) + call + text.slice(indent);
    out[point.file] = lines.join("\n");
  }
  return out;
}

/** The kernel's run with the logpoints' printk lines taken out, and those lines per packet. */
export function splitLogpointLines(kernel: KernelRun): { kernel: KernelRun; lines: string[][] } {
  const lines = kernel.packets.map((p) => p.printk.filter((line) => line.startsWith(LOGPOINT_MARKER)));
  const packets = kernel.packets.map((p) => ({
    ...p,
    printk: p.printk.filter((line) => !line.startsWith(LOGPOINT_MARKER)),
  }));
  return { kernel: { ...kernel, packets }, lines };
}

/** Differences between Tailscope's logpoint lines and the kernel's bpf_printk lines, per packet. */
export function compareLogpointLines(
  ours: readonly (readonly string[])[],
  kernel: readonly string[][],
): string[] {
  const problems: string[] = [];
  kernel.forEach((theirs, i) => {
    const mine = ours[i] ?? [];
    if (JSON.stringify(mine) !== JSON.stringify(theirs))
      problems.push(
        `packet ${i}: logpoints ${JSON.stringify(mine)}, kernel's bpf_printk ${JSON.stringify(theirs)}`,
      );
  });
  return problems;
}
