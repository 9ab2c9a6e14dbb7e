import type { TimelineData } from "../../engine";

/** Width of the lane labels ("CPU 3") at the timeline's left. */
export const LABEL_WIDTH = 56;

/** Lanes drawn at most: beyond 16 CPUs, each lane holds a group of CPUs. */
export const MAX_LANES = 16;

/**
 * The lanes for a CPU count, sized to the content and never taking the graph's room: a labelled
 * 18-pixel lane per CPU for a few CPUs, thin lanes up to 16 (at most 65 pixels in all), and
 * beyond 16 a lane per group of CPUs.
 */
export function laneLayout(cpus: number): {
  readonly lanes: number;
  readonly perLane: number;
  readonly height: number;
  readonly gap: number;
} {
  if (cpus <= 4) return { lanes: cpus, perLane: 1, height: 18, gap: 4 };
  const perLane = Math.ceil(cpus / MAX_LANES);
  return { lanes: Math.ceil(cpus / perLane), perLane, height: 3, gap: 1 };
}

/** A rectangle of the timeline, in CSS pixels from its top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Everything the timeline paints for a run at a width: a canvas draws these and nothing else. */
export interface TimelineScene {
  readonly height: number;
  readonly lanes: readonly { readonly cpu: number; readonly label: string; readonly box: Box }[];
  /** A packet's span on its CPU, a segment per program it ran, split at its jumped tail calls. */
  readonly bars: readonly { readonly program: string; readonly box: Box }[];
  /** Every tail-call attempt; a failed one taller. */
  readonly ticks: readonly { readonly failed: boolean; readonly box: Box }[];
  /** Colours for the programs of the run, in the order they first ran. */
  readonly programColors: ReadonlyMap<string, string>;
}

/**
 * Colours for the programs of a run, in the order they first ran: golden-angle hues, so any
 * two programs, even egress1 and egress2, look different.
 */
export function programColors(data: TimelineData): Map<string, string> {
  const colors = new Map<string, string>();
  for (const packet of data.packets)
    for (const name of packet.programs)
      if (!colors.has(name))
        colors.set(name, `hsl(${((colors.size * 137.508 + 330) % 360).toFixed(0)} 62% 55%)`);
  return colors;
}

export function timelineHeight(cpus: number): number {
  const { lanes, height, gap } = laneLayout(cpus);
  return lanes * (height + gap) + gap;
}

/** A lane's label: the CPU, or the first CPU of a group ("8–11"); thin lanes are labelled every fourth. */
function laneLabel(lane: number, perLane: number, cpus: number, thin: boolean): string {
  const first = lane * perLane;
  if (perLane > 1) return lane % 4 === 0 ? `${first}–${Math.min(cpus, first + perLane * 4) - 1}` : "";
  if (thin) return lane % 4 === 0 ? `CPU ${first}–${Math.min(cpus, first + 4) - 1}` : "";
  return `CPU ${first}`;
}

/** The step under a horizontal position, for clicks and drags. */
export function stepAt(x: number, width: number, totalSteps: number): number {
  const span = Math.max(1, width - LABEL_WIDTH);
  return Math.round(Math.max(0, Math.min(1, (x - LABEL_WIDTH) / span)) * totalSteps);
}

/** Where a step is drawn, from the timeline's left edge. */
export function stepX(step: number, width: number, totalSteps: number): number {
  return LABEL_WIDTH + (step / Math.max(1, totalSteps)) * Math.max(1, width - LABEL_WIDTH);
}

/**
 * The whole run at a glance: one lane per CPU, labelled; each packet a bar over the steps it
 * ran, in the colours of the programs it went through; every tail-call attempt a tick. The
 * cursor is not part of it: it moves over the scene without the run being drawn again.
 */
export function timelineScene(data: TimelineData, cpus: number, width: number): TimelineScene {
  const x = (step: number) => stepX(step, width, data.totalSteps);
  const layout = laneLayout(cpus);
  const LANE_HEIGHT = layout.height;
  const thin = layout.height < 18;
  // A CPU's lane top (its group's, beyond 16 CPUs).
  const laneTop = (cpu: number) =>
    layout.gap + Math.floor(cpu / layout.perLane) * (layout.height + layout.gap);
  const lanes = Array.from({ length: layout.lanes }, (_, lane) => ({
    cpu: lane * layout.perLane,
    label: laneLabel(lane, layout.perLane, cpus, thin),
    box: { x: 0, y: laneTop(lane * layout.perLane), width: LABEL_WIDTH, height: layout.height },
  }));
  const jumpsByPacket = new Map<number, number[]>();
  for (const hop of data.hops) {
    if (hop.outcome !== "jumped") continue;
    const list = jumpsByPacket.get(hop.packet) ?? [];
    list.push(hop.step);
    jumpsByPacket.set(hop.packet, list);
  }
  const bars: { program: string; box: Box }[] = [];
  for (const packet of data.packets) {
    if (packet.cpu >= cpus || packet.last < packet.first) continue;
    const top = laneTop(packet.cpu) + (thin ? 0 : 2);
    const bounds = [packet.first - 1, ...(jumpsByPacket.get(packet.packet) ?? []), packet.last];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const from = x(bounds[i]);
      bars.push({
        program: packet.programs[i] ?? "",
        box: {
          x: from,
          y: top,
          width: Math.max(1, x(bounds[i + 1]) - from),
          height: thin ? LANE_HEIGHT : LANE_HEIGHT - 4,
        },
      });
    }
  }
  const ticks = data.hops.flatMap((hop) => {
    const packet = data.packets[hop.packet];
    if (!packet || packet.cpu >= cpus) return [];
    const failed = hop.outcome !== "jumped";
    const top = laneTop(packet.cpu) + (failed || thin ? 0 : 3);
    return [
      {
        failed,
        box: {
          x: x(hop.step),
          y: top,
          width: failed ? 2 : 1,
          height: failed || thin ? LANE_HEIGHT : LANE_HEIGHT - 6,
        },
      },
    ];
  });
  return { height: timelineHeight(cpus), lanes, bars, ticks, programColors: programColors(data) };
}
