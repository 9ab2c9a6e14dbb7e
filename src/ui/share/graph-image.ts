import { toPng, toSvg } from "html-to-image";

/** The drawn graph without its on-screen tools (zoom buttons, minimap). */
function graphElement(): HTMLElement {
  const element = document.querySelector<HTMLElement>("[data-testid='graph'] .react-flow");
  if (!element) throw new Error("there is no graph on the page to export");
  return element;
}

function withoutTools(node: HTMLElement): boolean {
  const classes = node.classList;
  return !classes || !(classes.contains("react-flow__minimap") || classes.contains("react-flow__controls"));
}

function background(): string {
  return getComputedStyle(document.documentElement).getPropertyValue("--bg").trim() || "#ffffff";
}

/** The graph as drawn now, as a PNG data URL (twice the screen's pixels, for slides). */
export function graphPng(): Promise<string> {
  return toPng(graphElement(), { filter: withoutTools, backgroundColor: background(), pixelRatio: 2 });
}

/** The graph as drawn now, as an SVG data URL. */
export function graphSvg(): Promise<string> {
  return toSvg(graphElement(), { filter: withoutTools, backgroundColor: background() });
}
