import type { SvgPalette } from "./graph-svg";

/** The source around the statement a frame ran, for a frame that shows the code beside the graph. */
export interface FrameCode {
  readonly file: string;
  /** The file's lines. */
  readonly lines: readonly string[];
  /** The line that ran (1-based). */
  readonly line: number;
}

/** Lines of code a frame shows, the one that ran in the middle. */
const CODE_LINES = 17;
const CODE_LINE_HEIGHT = 20;
const CODE_WIDTH = 560;
/** Room for a caption of up to three lines. */
const CAPTION_HEIGHT = 76;
const CAPTION_LINES = 3;
const CAPTION_FONT = 16;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A sentence in lines of at most `width` characters, at most three, the last cut with an ellipsis. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= CAPTION_LINES) return lines;
  const kept = lines.slice(0, CAPTION_LINES);
  kept[CAPTION_LINES - 1] = `${kept[CAPTION_LINES - 1].slice(0, Math.max(0, width - 1))}…`;
  return kept;
}

/** The size an SVG document says it has. */
export function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/\bwidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/\bheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  return { width, height };
}

function codePanel(code: FrameCode, x: number, height: number, p: SvgPalette): string {
  const first = Math.max(
    1,
    Math.min(code.line - Math.floor(CODE_LINES / 2), code.lines.length - CODE_LINES + 1),
  );
  const top = Math.max(24, (height - CODE_LINES * CODE_LINE_HEIGHT) / 2);
  const parts = [
    `<rect x="${x}" y="0" width="${CODE_WIDTH}" height="${height}" fill="${p.surface}" stroke="${p.border}"/>`,
    `<text x="${x + 12}" y="${top - 6}" font-size="13" fill="${p.muted}">${escape(code.file)}</text>`,
  ];
  for (let i = 0; i < CODE_LINES; i++) {
    const number = first + i;
    const text = code.lines[number - 1];
    if (text === undefined) break;
    const y = top + i * CODE_LINE_HEIGHT;
    if (number === code.line)
      parts.push(
        `<rect x="${x + 2}" y="${y + 2}" width="${CODE_WIDTH - 4}" height="${CODE_LINE_HEIGHT}" fill="${p.accent}" opacity="0.18"/>`,
      );
    parts.push(
      `<text x="${x + 12}" y="${y + 16}" font-size="13" font-family="ui-monospace, Menlo, Consolas, monospace" fill="${number === code.line ? p.text : p.muted}" xml:space="preserve">${String(number).padStart(3, " ")}  ${escape(text.replace(/\t/g, "    "))}</text>`,
    );
  }
  return parts.join("");
}

/**
 * One frame of an animation as SVG: the graph (its own SVG, framed to its bounds), optionally
 * the code around the line that ran beside it, and optionally the step's narration as a caption
 * under both. Every frame of a range has the graph's size, so all frames are the same size.
 */
export function frameSvg(
  graphSvg: string,
  options: { readonly code: FrameCode | null; readonly caption: string | null; readonly palette: SvgPalette },
): string {
  const graphSize = svgSize(graphSvg);
  const codeWidth = options.code ? CODE_WIDTH : 0;
  // The code needs its lines' height; the graph stands in the middle of what is left.
  const bodyHeight = Math.max(graphSize.height, options.code ? CODE_LINES * CODE_LINE_HEIGHT + 40 : 0);
  const graph = { width: graphSize.width, height: bodyHeight };
  const width = graph.width + codeWidth;
  const captionHeight = options.caption === null ? 0 : CAPTION_HEIGHT;
  const height = graph.height + captionHeight;
  const p = options.palette;
  const nested = graphSvg.replace(
    "<svg ",
    `<svg x="${codeWidth}" y="${(bodyHeight - graphSize.height) / 2}" `,
  );
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="${p.background}"/>`,
    options.code ? codePanel(options.code, 0, graph.height, p) : "",
    nested,
  ];
  if (options.caption !== null) {
    parts.push(
      `<rect x="0" y="${graph.height}" width="${width}" height="${captionHeight}" fill="${p.surface}"/>`,
    );
    wrap(options.caption, Math.floor((width - 24) / (CAPTION_FONT * 0.56))).forEach((line, i) => {
      parts.push(
        `<text x="${width / 2}" y="${graph.height + 24 + i * 21}" text-anchor="middle" font-size="${CAPTION_FONT}" fill="${p.text}">${escape(line)}</text>`,
      );
    });
  }
  parts.push("</svg>");
  return parts.join("\n");
}
