import { useState } from "react";
import { nextChange, previousChange, valueAt } from "../../state/derive/watch-lane";
import type { Watch } from "../../state/slices/debugging";
import { useTailscope } from "../../state/store";

/**
 * Watches: a map cell (`tail_context_map[0]@1.value_from_1`) or a C expression at the paused
 * line, each with its value at the cursor, a lane under the timeline over the whole run, and
 * buttons to the previous and next change.
 */
export function WatchesPanel() {
  const watches = useTailscope((s) => s.watches);
  const paused = useTailscope((s) => s.cursor?.state.running?.frames.at(-1));
  const [text, setText] = useState("");
  const add = () => {
    if (!text.trim()) return;
    const site = paused ? { file: paused.file, line: paused.line } : null;
    void useTailscope.getState().addWatch(text, site);
    setText("");
  };
  return (
    <section className="watches" aria-label="Watches" data-testid="watches">
      <h2 className="pane-title">Watches · over the whole run, lanes under the timeline</h2>
      <ul className="problem-list">
        {watches.map((watch, i) => (
          <WatchRow key={`${watch.text}-${i}`} watch={watch} position={i} />
        ))}
      </ul>
      <form
        className="logpoint-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          className="breakpoint-condition nokey"
          data-testid="watch-input"
          aria-label="What to watch: a map cell as map[key]@cpu.field, or a C expression at the paused line"
          placeholder={
            paused ? `tail_context_map[0]@1.value_from_1, or C at line ${paused.line}` : "map[key]@cpu.field"
          }
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="toolbar-button small" data-testid="watch-add">
          Watch
        </button>
      </form>
    </section>
  );
}

function WatchRow({ watch, position }: { readonly watch: Watch; readonly position: number }) {
  const step = useTailscope((s) => s.cursor?.step ?? 0);
  const seek = (to: number | null) => to !== null && void useTailscope.getState().seekCursor(to);
  const result = watch.result;
  const lane = result?.ok ? result.lane : null;
  const value = lane ? valueAt(lane, step) : null;
  return (
    <li className="breakpoint-row watch-row" data-testid={`watch-${position}`}>
      <span className="watch-number">#{position + 1}</span>
      <span className="watch-label">{lane?.label ?? watch.text}</span>
      {lane && (
        <span className="watch-value" data-testid={`watch-value-${position}`} aria-live="polite">
          = {value ?? "not reached yet"}
          {lane.kind === "expression" && value !== null && " (the last time its line ran)"}
        </span>
      )}
      {lane && (
        <>
          <button
            type="button"
            className="toolbar-button small"
            aria-label={`Back to the last change of ${lane.label}`}
            data-testid={`watch-previous-${position}`}
            disabled={previousChange(lane, step) === null}
            onClick={() => seek(previousChange(lane, step))}
          >
            ◀
          </button>
          <button
            type="button"
            className="toolbar-button small"
            aria-label={`On to the next change of ${lane.label}`}
            data-testid={`watch-next-${position}`}
            disabled={nextChange(lane, step) === null}
            onClick={() => seek(nextChange(lane, step))}
          >
            ▶
          </button>
        </>
      )}
      <button
        type="button"
        className="toolbar-button small"
        aria-label={`Stop watching ${watch.text}`}
        onClick={() => useTailscope.getState().removeWatch(position)}
      >
        ✕
      </button>
      {result && !result.ok && (
        <span className="breakpoint-error" role="alert" data-testid={`watch-error-${position}`}>
          {result.error}
        </span>
      )}
    </li>
  );
}
