import { shortcuts } from "../controls/StepControls";

/** The keys that drive the demo, always in view in classroom mode. */
export function KeyLegend() {
  return (
    <dl className="key-legend" data-testid="key-legend" aria-label="Keyboard shortcuts">
      {[
        ...shortcuts,
        { label: "Space", does: "play / pause" },
        { label: "F9", does: "breakpoint at the caret" },
        { label: "Alt+C", does: "classroom mode on / off" },
        { label: "?", does: "these keys" },
      ].map((s) => (
        <div key={s.label} className="key-legend-item">
          <dt>
            <kbd>{s.label}</kbd>
          </dt>
          <dd>{s.does}</dd>
        </div>
      ))}
    </dl>
  );
}
