import { useEffect, useRef, useState } from "react";
import { MAX_CPUS } from "../../engine";
import {
  LABEL_WIDTH,
  programColors,
  stepAt,
  stepX,
  timelineHeight,
  timelineScene,
} from "../../state/derive/timeline";
import { useTailscope } from "../../state/store";
import { drawTimeline } from "./draw-timeline";
import { WatchLanes } from "./WatchLanes";

function themeColors() {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue("--text").trim() || "#111",
    muted: style.getPropertyValue("--muted").trim() || "#666",
  };
}

/**
 * The whole run at a glance: a lane per CPU, packets as bars coloured by program, hops as ticks,
 * and a scrubber: click or drag anywhere to seek there; it is also a slider for the keyboard
 * (arrows step, Page keys jump a tenth, Home and End).
 */
export function Timeline() {
  const session = useTailscope((s) => s.session);
  const step = useTailscope((s) => s.cursor?.step ?? 0);
  const cpus = useTailscope((s) => s.cpus);
  const theme = useTailscope((s) => s.theme);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(600);
  const data = session?.timeline ?? null;
  const lanes = Math.max(1, Math.min(cpus, MAX_CPUS));

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, entry.contentRect.width)));
    observer.observe(canvas.parentElement ?? canvas);
    return () => observer.disconnect();
  }, []);

  // The run is drawn once per run, size and theme (the theme changes the colours); a step only
  // moves the cursor element over it.
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context || !data) return;
    const ratio = window.devicePixelRatio || 1;
    const height = timelineHeight(lanes);
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawTimeline(context, width, timelineScene(data, lanes, width), themeColors());
  }, [data, width, lanes, theme]);

  if (!session || !data) return null;
  const total = data.totalSteps;
  const seekFromPointer = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    void useTailscope.getState().seekCursor(stepAt(event.clientX - box.left, box.width, total));
  };
  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline">
      <div className="timeline-track">
        <canvas
          ref={canvasRef}
          role="slider"
          tabIndex={0}
          aria-label="Timeline: the cursor's step in the run"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={step}
          aria-valuetext={`step ${step} of ${total}`}
          className="timeline-canvas"
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            seekFromPointer(event);
          }}
          onPointerMove={(event) => {
            if (event.buttons & 1) seekFromPointer(event);
          }}
          onKeyDown={(event) => {
            const jump = Math.max(1, Math.round(total / 10));
            const next: Record<string, number> = {
              ArrowRight: step + 1,
              ArrowLeft: step - 1,
              PageUp: step + jump,
              PageDown: step - jump,
              Home: 0,
              End: total,
            };
            if (!(event.key in next)) return;
            event.preventDefault();
            void useTailscope.getState().seekCursor(Math.max(0, Math.min(total, next[event.key])));
          }}
        />
        <div
          className="timeline-cursor"
          data-testid="timeline-cursor"
          aria-hidden="true"
          style={{
            transform: `translateX(${stepX(step, width, total) - 1}px)`,
            height: timelineHeight(lanes),
          }}
        />
      </div>
      <WatchLanes width={width} totalSteps={total} />
      <div className="timeline-legend" style={{ paddingLeft: LABEL_WIDTH }}>
        {[...programColors(data)].map(([name, color]) => (
          <span key={name} className="timeline-program">
            <span className="timeline-swatch" style={{ background: color }} aria-hidden="true" />
            {name}
          </span>
        ))}{" "}
        · ticks: tail calls (red: failed) · click or drag to seek
      </div>
    </section>
  );
}
