import type { PacketReport, TimelineData } from "../../engine";

/** What the graph shows of the run at the cursor besides the machine: queues and verdicts. */
export interface RunFacts {
  /** Per CPU: packets waiting (not started yet at the cursor). */
  readonly queued: readonly number[];
  /** Per program: the last packet that ended there by the cursor, and what it returned. */
  readonly lastReturn: ReadonlyMap<string, { readonly packet: number; readonly retval: number }>;
}

export function runFacts(
  timeline: TimelineData | null | undefined,
  reports: readonly PacketReport[] | null,
  step: number,
  cpus: number,
): RunFacts | null {
  if (!timeline || !reports) return null;
  const queued = new Array<number>(cpus).fill(0);
  const lastReturn = new Map<string, { packet: number; retval: number; last: number }>();
  for (const packet of timeline.packets) {
    if (packet.first > step) {
      if (packet.cpu < cpus) queued[packet.cpu]++;
      continue;
    }
    if (packet.last > step) continue;
    const report = reports[packet.packet];
    const program = report?.programs.at(-1);
    if (!report || !program || report.fault) continue;
    const known = lastReturn.get(program);
    if (!known || packet.last > known.last)
      lastReturn.set(program, { packet: packet.packet, retval: report.retval, last: packet.last });
  }
  return { queued, lastReturn };
}
