import { commands } from "../../state/commands";
import { editorKeys, keyLegend } from "../../state/derive/key-legend";

const rows = [...keyLegend(commands), ...editorKeys];

/** The keys that drive the demo (from the command registry), always in view in classroom mode. */
export function KeyLegend() {
  return (
    <dl className="key-legend" data-testid="key-legend" aria-label="Keyboard shortcuts">
      {rows.map((row) => (
        <div key={row.keys} className="key-legend-item">
          <dt>
            <kbd>{row.keys}</kbd>
          </dt>
          <dd>{row.does}</dd>
        </div>
      ))}
    </dl>
  );
}
