import { zipSync } from "fflate";
import { applyPalette, GIFEncoder, quantize } from "gifenc";
import type { CursorState } from "../../engine";
import { graphAt } from "../../state/derive/current-graph";
import { narrate } from "../../state/derive/narration";
import { type TailscopeState, useTailscope } from "../../state/store";
import { type FrameCode, frameSvg, svgSize } from "./animation-frame";
import { type AnimationOptions, MAX_FRAMES } from "./animation-options";
import { exportPalette } from "./graph-image";
import { graphToSvg } from "./graph-svg";

/** The steps an export covers, checked against the run. */
export function frameSteps(from: number, to: number, totalSteps: number): number[] {
  const first = Math.max(0, Math.min(from, to, totalSteps));
  const last = Math.min(totalSteps, Math.max(from, to));
  if (last - first + 1 > MAX_FRAMES)
    throw new Error(`${last - first + 1} steps is more than ${MAX_FRAMES} frames: choose a shorter range`);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The code a frame shows: the file and line of the statement its step ran. */
function codeOf(state: TailscopeState, cursor: CursorState): FrameCode | null {
  const last = cursor.last;
  const file = last?.file ?? state.main;
  const text = state.files[file];
  if (text === undefined) return null;
  return { file, lines: text.split("\n"), line: last?.line ?? 0 };
}

/** One frame's SVG: the graph at the step, the move from the step before flashing. */
function frameAt(
  state: TailscopeState,
  cursor: CursorState,
  previous: CursorState | null,
  options: AnimationOptions,
) {
  const graph = graphAt(state, cursor, previous);
  if (graph.nodes.length === 0) throw new Error("there is no graph to export: the source does not build");
  const build = state.build?.loaded ? state.build : state.lastLoadedBuild;
  const report = state.run && "report" in state.run ? state.run.report : null;
  const caption = options.captions
    ? narrate({
        view: cursor.state,
        previous: previous?.state ?? null,
        build,
        packets: report?.packets ?? null,
        last: cursor.last,
        lineText: (file, line) => state.files[file]?.split("\n")[line - 1] ?? null,
      })
    : null;
  const palette = exportPalette();
  return frameSvg(graphToSvg(graph, palette), {
    code: options.withCode ? codeOf(state, cursor) : null,
    caption,
    palette,
  });
}

/** Draws an SVG document into a canvas of the given size. */
async function rasterize(svg: string, canvas: HTMLCanvasElement): Promise<void> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("this browser cannot draw here");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
}

/**
 * Every frame of the range drawn on one canvas in turn, handed to `use`: the machine at each step
 * comes from the recorded run without moving the cursor. All frames take the first one's shape.
 */
async function eachFrame(
  options: AnimationOptions,
  use: (canvas: HTMLCanvasElement, index: number, count: number) => Promise<void> | void,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const store = useTailscope.getState();
  if (!store.session) throw new Error("run the scenario first: an animation is made of its steps");
  const steps = frameSteps(options.from, options.to, store.session.totalSteps);
  const canvas = document.createElement("canvas");
  let previous = steps[0] > 0 ? await store.cursorAt(steps[0] - 1) : null;
  for (const [index, step] of steps.entries()) {
    const cursor = await store.cursorAt(step);
    if (!cursor) throw new Error("the run is gone: run the scenario again");
    const svg = frameAt(useTailscope.getState(), cursor, previous, options);
    if (index === 0) {
      const size = svgSize(svg);
      canvas.width = Math.round(options.width);
      canvas.height = Math.max(1, Math.round((options.width * size.height) / Math.max(1, size.width)));
    }
    await rasterize(svg, canvas);
    await use(canvas, index, steps.length);
    onProgress?.(index + 1, steps.length);
    previous = cursor;
  }
}

/** The range as an animated GIF (every step a frame, looping), encoded in the browser by gifenc. */
export async function animationGif(
  options: AnimationOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<Blob> {
  const gif = GIFEncoder();
  const delay = Math.round(1000 / Math.max(0.1, options.fps));
  await eachFrame(
    options,
    (canvas) => {
      const context = canvas.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const palette = quantize(data, 256);
      gif.writeFrame(applyPalette(data, palette), canvas.width, canvas.height, { palette, delay });
    },
    onProgress,
  );
  gif.finish();
  return new Blob([gif.bytes().slice()], { type: "image/gif" });
}

/** The range as numbered PNGs (`step-0007.png`…), one ZIP archive made by fflate. */
export async function animationPngZip(
  options: AnimationOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<Blob> {
  const files: Record<string, Uint8Array> = {};
  const first = Math.min(options.from, options.to);
  await eachFrame(
    options,
    async (canvas, index) => {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!blob) throw new Error("this browser could not make a PNG");
      files[`step-${String(first + index).padStart(4, "0")}.png`] = new Uint8Array(await blob.arrayBuffer());
    },
    onProgress,
  );
  // PNGs are compressed already: stored, not deflated again.
  return new Blob([zipSync(files, { level: 0 }).slice()], { type: "application/zip" });
}
