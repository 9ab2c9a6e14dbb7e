import { useState } from "react";
import { useTailscope } from "../../state/store";
import { type AnimationOptions, MAX_FRAMES } from "./animation-options";
import { downloadBlob, fileNameOf } from "./downloads";

const widths = [640, 960, 1280, 1920] as const;
const speeds = [1, 2, 4, 8] as const;

/**
 * A range of steps as an animated GIF or a numbered PNG series, for slides: the graph alone or
 * with the code, captioned with each step's narration, at a chosen size and speed.
 */
export function AnimationExport({
  title,
  onStatus,
}: {
  readonly title: string;
  readonly onStatus: (text: string) => void;
}) {
  const total = useTailscope((s) => s.session?.totalSteps ?? null);
  const step = useTailscope((s) => s.cursor?.step ?? 0);
  const [from, setFrom] = useState(step);
  const [to, setTo] = useState(Math.min(total ?? 0, step + 20));
  const [width, setWidth] = useState<number>(960);
  const [fps, setFps] = useState<number>(2);
  const [withCode, setWithCode] = useState(false);
  const [captions, setCaptions] = useState(true);
  const [busy, setBusy] = useState(false);
  if (total === null)
    return <p className="modal-note">Run the scenario to export its steps as an animation.</p>;
  const options: AnimationOptions = { from, to, width, fps, withCode, captions };
  const make = async (kind: "gif" | "zip") => {
    setBusy(true);
    try {
      const progress = (done: number, all: number) => onStatus(`Drawing frame ${done} of ${all}…`);
      // The encoders load with the first export, not with the page.
      const { animationGif, animationPngZip } = await import("./animation");
      const blob =
        kind === "gif" ? await animationGif(options, progress) : await animationPngZip(options, progress);
      const name = fileNameOf(`${title} steps ${Math.min(from, to)}-${Math.max(from, to)}`, kind);
      downloadBlob(name, blob);
      onStatus(`Saved ${name} (${Math.round(blob.size / 1024)} KB).`);
    } catch (error) {
      onStatus(`The animation could not be made: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  const stepInput = (label: string, value: number, set: (n: number) => void, testId: string) => (
    <label className="share-scale">
      {label}
      <input
        type="number"
        min={0}
        max={total}
        value={value}
        data-testid={testId}
        onChange={(e) => set(Math.max(0, Math.min(total, Number(e.target.value) || 0)))}
      />
    </label>
  );
  return (
    <fieldset className="animation-export" data-testid="animation-export">
      <legend>Steps as an animation (up to {MAX_FRAMES} frames)</legend>
      <div className="modal-actions">
        {stepInput("from step", from, setFrom, "animation-from")}
        {stepInput("to step", to, setTo, "animation-to")}
        <label className="share-scale">
          width
          <select
            data-testid="animation-width"
            value={width}
            onChange={(e) => setWidth(Number(e.target.value))}
          >
            {widths.map((w) => (
              <option key={w} value={w}>
                {w} px
              </option>
            ))}
          </select>
        </label>
        <label className="share-scale">
          speed
          <select data-testid="animation-fps" value={fps} onChange={(e) => setFps(Number(e.target.value))}>
            {speeds.map((s) => (
              <option key={s} value={s}>
                {s} step{s === 1 ? "" : "s"}/s
              </option>
            ))}
          </select>
        </label>
        <label className="share-scale">
          <input
            type="checkbox"
            data-testid="animation-code"
            checked={withCode}
            onChange={(e) => setWithCode(e.target.checked)}
          />
          with the code
        </label>
        <label className="share-scale">
          <input
            type="checkbox"
            data-testid="animation-captions"
            checked={captions}
            onChange={(e) => setCaptions(e.target.checked)}
          />
          captions
        </label>
      </div>
      <div className="modal-actions">
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-export-gif"
          disabled={busy}
          onClick={() => void make("gif")}
        >
          Animated GIF
        </button>
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-export-png-series"
          disabled={busy}
          onClick={() => void make("zip")}
        >
          PNG series (.zip)
        </button>
      </div>
    </fieldset>
  );
}
