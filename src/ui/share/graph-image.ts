import { currentGraph } from "../../state/derive/current-graph";
import { useTailscope } from "../../state/store";
import { graphToSvg, type SvgPalette } from "./graph-svg";

/** The theme's colours now, so the export looks like the screen. */
export function exportPalette(): SvgPalette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read("--bg", "#ffffff"),
    surface: read("--surface", "#ffffff"),
    text: read("--text", "#111827"),
    muted: read("--muted", "#4b5563"),
    border: read("--border", "#cfd6df"),
    accent: read("--accent", "#1d4ed8"),
  };
}

/** The whole graph at the cursor as SVG source: drawn from the graph's model, not the screen. */
export function graphSvgText(): string {
  const graph = currentGraph(useTailscope.getState());
  if (graph.nodes.length === 0) throw new Error("there is no graph to export: the source does not build");
  return graphToSvg(graph, exportPalette());
}

/** The whole graph at the cursor as an SVG data URL. */
export function graphSvg(): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(graphSvgText())}`;
}

/** The largest side a PNG export may have: browsers refuse bigger canvases. */
const MAX_PNG_SIDE = 16_384;

/** The whole graph at the cursor as a PNG data URL, `scale` pixels per graph unit (for slides: 2 or 3). */
export async function graphPng(scale = 2): Promise<string> {
  const image = new Image();
  image.src = graphSvg();
  await image.decode();
  const fit = Math.min(scale, MAX_PNG_SIDE / image.width, MAX_PNG_SIDE / image.height);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(image.width * fit);
  canvas.height = Math.round(image.height * fit);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser cannot draw a PNG here");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/png");
}
