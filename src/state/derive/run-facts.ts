import type { PacketReport, TimelineData } from "../../engine";

/** What the graph shows of the run at the cursor besides the machine: queues and verdicts. */
export interface RunFacts {
  /** Per CPU: packets waiting (not started yet at the cursor). */
  readonly queued: readonly number[];
  /** Per program: the last packet that ended there by the cursor, and how. */
  readonly lastEnd: ReadonlyMap<string, PacketEnd>;
}

/** How a packet's chain ended in a program: its return value, or the fault that stopped it. */
export interface PacketEnd {
  readonly packet: number;
  readonly retval: number;
  /** The fault's message; null when the program returned. */
  readonly fault: string | null;
}

export function runFacts(
  timeline: TimelineData | null | undefined,
  reports: readonly PacketReport[] | null,
  step: number,
  cpus: number,
): RunFacts | null {
  if (!timeline || !reports) return null;
  const queued = new Array<number>(cpus).fill(0);
  const lastEnd = new Map<string, PacketEnd & { last: number }>();
  for (const packet of timeline.packets) {
    if (packet.first > step) {
      if (packet.cpu < cpus) queued[packet.cpu]++;
      continue;
    }
    if (packet.last > step) continue;
    const report = reports[packet.packet];
    const program = report?.programs.at(-1);
    // A faulted packet ends in the program it faulted in, as a returned one in its last.
    if (!report || !program) continue;
    const known = lastEnd.get(program);
    if (!known || packet.last > known.last)
      lastEnd.set(program, {
        packet: packet.packet,
        retval: report.retval,
        fault: report.fault?.message ?? null,
        last: packet.last,
      });
  }
  return { queued, lastEnd };
}

/** A program node's line for how its last packet ended, short enough for the node's width. */
export function lastEndText(end: PacketEnd): string {
  return end.fault === null ? `packet ${end.packet} returned ${end.retval}` : `packet ${end.packet} faulted`;
}
