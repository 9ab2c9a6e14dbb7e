import type { TimelineData } from "../../engine";
import { cpuColor } from "../graph/cpu-colors";

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

export const LABEL_WIDTH = 56;
const LANE_HEIGHT = 18;
const LANE_GAP = 4;

export function timelineHeight(cpus: number): number {
  return cpus * (LANE_HEIGHT + LANE_GAP) + LANE_GAP;
}

/** The step under a horizontal position, for clicks and drags. */
export function stepAt(x: number, width: number, totalSteps: number): number {
  const span = Math.max(1, width - LABEL_WIDTH);
  return Math.round(Math.max(0, Math.min(1, (x - LABEL_WIDTH) / span)) * totalSteps);
}

/** Where a step is drawn, from the canvas's left edge. */
export function stepX(step: number, width: number, totalSteps: number): number {
  return LABEL_WIDTH + (step / Math.max(1, totalSteps)) * Math.max(1, width - LABEL_WIDTH);
}

/**
 * One lane per CPU, labelled; each packet a bar over the steps it ran, in the colours of the
 * programs it went through (a segment per program, split at its jumped tail calls); every
 * tail-call attempt a tick (a failed one red and taller). The cursor is not drawn here: it is
 * an element over the canvas, so a step moves it without drawing the whole run again.
 */
export function drawTimeline(
  context: CanvasRenderingContext2D,
  width: number,
  cpus: number,
  data: TimelineData,
  colors: { text: string; muted: string },
): void {
  const height = timelineHeight(cpus);
  context.clearRect(0, 0, width, height);
  const x = (step: number) => stepX(step, width, data.totalSteps);
  const laneTop = (cpu: number) => LANE_GAP + cpu * (LANE_HEIGHT + LANE_GAP);
  context.font = "11px system-ui, sans-serif";
  context.textBaseline = "middle";
  for (let cpu = 0; cpu < cpus; cpu++) {
    context.fillStyle = cpuColor(cpu);
    context.fillRect(0, laneTop(cpu), 4, LANE_HEIGHT);
    context.fillStyle = colors.text;
    context.fillText(`CPU ${cpu}`, 8, laneTop(cpu) + LANE_HEIGHT / 2);
  }
  const colorOf = programColors(data);
  const jumpsByPacket = new Map<number, number[]>();
  for (const hop of data.hops) {
    if (hop.outcome !== "jumped") continue;
    const list = jumpsByPacket.get(hop.packet) ?? [];
    list.push(hop.step);
    jumpsByPacket.set(hop.packet, list);
  }
  for (const packet of data.packets) {
    if (packet.cpu >= cpus || packet.last < packet.first) continue;
    const top = laneTop(packet.cpu) + 2;
    const bounds = [packet.first - 1, ...(jumpsByPacket.get(packet.packet) ?? []), packet.last];
    for (let i = 0; i + 1 < bounds.length; i++) {
      context.fillStyle = colorOf.get(packet.programs[i] ?? "") ?? colors.muted;
      const from = x(bounds[i]);
      context.fillRect(from, top, Math.max(1, x(bounds[i + 1]) - from), LANE_HEIGHT - 4);
    }
  }
  for (const hop of data.hops) {
    const packet = data.packets[hop.packet];
    if (!packet || packet.cpu >= cpus) continue;
    const failed = hop.outcome !== "jumped";
    context.fillStyle = failed ? "#dc2626" : colors.text;
    const top = laneTop(packet.cpu) + (failed ? 0 : 3);
    context.fillRect(x(hop.step), top, failed ? 2 : 1, failed ? LANE_HEIGHT : LANE_HEIGHT - 6);
  }
}
