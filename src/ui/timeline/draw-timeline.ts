import type { TimelineScene } from "../../state/derive/timeline";
import { cpuColor } from "../graph/cpu-colors";

/** Paints a timeline scene (state/derive/timeline.ts) on a canvas, in the theme's colours. */
export function drawTimeline(
  context: CanvasRenderingContext2D,
  width: number,
  scene: TimelineScene,
  colors: { text: string; muted: string },
): void {
  context.clearRect(0, 0, width, scene.height);
  context.font = "12px system-ui, sans-serif";
  // Thin lanes are labelled every fourth, the label's top at its first lane.
  context.textBaseline = "top";
  for (const { cpu, label, box } of scene.lanes) {
    context.fillStyle = cpuColor(cpu);
    context.fillRect(box.x, box.y, 4, box.height);
    if (!label) continue;
    context.fillStyle = colors.text;
    context.fillText(label, 8, box.height >= 18 ? box.y + 3 : box.y);
  }
  for (const { program, box } of scene.bars) {
    context.fillStyle = scene.programColors.get(program) ?? colors.muted;
    context.fillRect(box.x, box.y, box.width, box.height);
  }
  for (const { failed, box } of scene.ticks) {
    context.fillStyle = failed ? "#dc2626" : colors.text;
    context.fillRect(box.x, box.y, box.width, box.height);
  }
}
