import type { UnrecordedTail } from "../../engine";

const count = (n: number) => n.toLocaleString("en");

/**
 * What the app says it keeps of a long run, or null when it kept everything: statements past
 * the trace's limit are summarised, and packets past the recorded ones are in the report only.
 */
export function longRunNotice(
  totalSteps: number,
  truncatedAfter: number | null,
  unrecorded: UnrecordedTail | null,
  packets: number,
): string | null {
  const parts: string[] = [];
  if (unrecorded) {
    const recorded = packets - unrecorded.packets;
    parts.push(
      `This run is long: the first ${count(recorded)} packets (${count(totalSteps)} statements) are recorded for stepping; the other ${count(unrecorded.packets)} (${count(unrecorded.steps)} statements) ran at full speed and are kept only as their results in the run log. The graph and the inspector show the machine up to the last recorded packet.`,
    );
  }
  if (truncatedAfter !== null) {
    parts.push(
      `${unrecorded ? "Of those" : "This run is long:"} the first ${count(truncatedAfter)} statements are recorded one by one; after that, packets, tail calls, printk lines and map writes are. Stepping works everywhere; line breakpoints and step over/out stop at step ${count(truncatedAfter)}.`,
    );
  }
  return parts.length > 0 ? parts.join(" ") : null;
}
