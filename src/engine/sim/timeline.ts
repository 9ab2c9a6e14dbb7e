import type { Travel } from "./recording";

/** What the timeline draws: each packet's span of steps on its CPU, and every tail-call attempt. */
export interface TimelineData {
  readonly totalSteps: number;
  readonly packets: readonly {
    readonly packet: number;
    readonly cpu: number;
    /** Steps: the packet's first statement is `first`, its last `last` (1-based). */
    readonly first: number;
    readonly last: number;
    /** The programs it ran, in order; each runs until the next jumped tail call. */
    readonly programs: readonly string[];
  }[];
  readonly hops: readonly { readonly step: number; readonly packet: number; readonly outcome: string }[];
}

/** The whole run laid out for the timeline. */
export function timelineOf(travel: Travel): TimelineData {
  const { trace, reports, totalSteps } = travel;
  return {
    totalSteps,
    packets: reports.map((report, index) => ({
      packet: index,
      cpu: report.cpu,
      first: (trace.packetFirstStep(index) ?? 0) + 1,
      last: trace.packetLastStep(index) ?? 0,
      programs: report.programs,
    })),
    hops: trace.tailCallEvents().map(({ step, packet, outcome }) => ({ step, packet, outcome })),
  };
}
