import type { PacketReport, StateView, TimelineData } from "../../engine";

/** One packet of the run log as the cursor sees it. */
export interface RunLogRow {
  readonly packet: number;
  readonly cpu: number;
  /** Finished by the cursor, in flight at it, or not started yet. */
  readonly when: "done" | "running" | "future";
  /** The chain it has run by the cursor (all of it for a finished or future packet). */
  readonly programs: readonly string[];
  /** printk lines printed by the cursor's step. */
  readonly printed: readonly string[];
  /** printk lines still to come (shown greyed only when asked for). */
  readonly toCome: readonly string[];
  /** Records the packet sent to user space, shown once it has ended (user space reads them then). */
  readonly output: RecordsShown;
  readonly report: PacketReport;
}

/** The first records of a packet as the log writes them, and how many more there are. */
export interface RecordsShown {
  readonly lines: readonly string[];
  readonly more: number;
}

/** Records the log writes out per packet; the run report lists every one. */
export const SHOWN_RECORDS = 6;

const noRecords: RecordsShown = { lines: [], more: 0 };

/** A record as the log writes it: its map, its size, its bytes in 4-byte groups. */
export function recordLine(record: { readonly map: string; readonly data: string }): string {
  const bytes = record.data.length / 2;
  const words = record.data.match(/.{1,8}/g) ?? [];
  return `${record.map} ← ${bytes} byte${bytes === 1 ? "" : "s"}: ${words.join(" ")}`;
}

function recordsOf(report: PacketReport): RecordsShown {
  const output = report.output ?? [];
  if (output.length === 0) return noRecords;
  return {
    lines: output.slice(0, SHOWN_RECORDS).map(recordLine),
    more: Math.max(0, output.length - SHOWN_RECORDS),
  };
}

/**
 * The run log at the cursor: each packet's chain and printk output as far as the cursor's step
 * has printed it. A packet in flight shows its own lines so far (from the cursor's state);
 * before a run has a timeline, every packet counts as done.
 */
export function runLogAt(
  reports: readonly PacketReport[],
  timeline: TimelineData | null,
  view: StateView | null,
  limit: number,
): RunLogRow[] {
  const step = view?.step ?? Number.POSITIVE_INFINITY;
  const inFlight = new Map((view?.cpus ?? []).map((run) => [run.packet, run]));
  return reports.slice(0, limit).map((report, packet) => {
    const span = timeline?.packets[packet];
    const running = inFlight.get(packet);
    if (running) {
      const count = running.printk.length;
      return {
        packet,
        cpu: report.cpu,
        when: "running",
        programs: running.programs,
        printed: report.printk.slice(0, count),
        toCome: report.printk.slice(count),
        output: noRecords,
        report,
      };
    }
    const done = !span || span.last <= step;
    return {
      packet,
      cpu: report.cpu,
      when: done ? "done" : "future",
      programs: report.programs,
      printed: done ? report.printk : [],
      toCome: done ? [] : report.printk,
      output: done ? recordsOf(report) : noRecords,
      report,
    };
  });
}
