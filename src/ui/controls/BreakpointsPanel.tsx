import { useState } from "react";
import { type EventBreak, type LineBreakpoint, useTailscope } from "../../state/store";

const eventLabels: readonly { kind: EventBreak; label: string }[] = [
  { kind: "tail-call-failed", label: "a tail call fails" },
  { kind: "tail-call", label: "any tail call" },
  { kind: "map-write", label: "a map write" },
  { kind: "map-read", label: "a map read" },
  { kind: "printk", label: "a printk" },
];

/** Line breakpoints (set in the editor's margin or with F9), their conditions, and event stops. */
export function BreakpointsPanel() {
  const breakpoints = useTailscope((s) => s.breakpoints);
  const eventBreaks = useTailscope((s) => s.eventBreaks);
  const setEventBreaks = useTailscope((s) => s.setEventBreaks);
  return (
    <section className="breakpoints" aria-label="Breakpoints" data-testid="breakpoints">
      <h2 className="pane-title">Breakpoints · F5 continues to the next</h2>
      {breakpoints.length === 0 && (
        <p className="pane-placeholder">Click left of a line number (or press F9) to stop there.</p>
      )}
      <ul className="problem-list">
        {breakpoints.map((b) => (
          <BreakpointRow key={`${b.file}:${b.line}`} breakpoint={b} />
        ))}
      </ul>
      <fieldset className="event-breaks">
        <legend>Also stop when</legend>
        {eventLabels.map(({ kind, label }) => (
          <label key={kind}>
            <input
              type="checkbox"
              data-testid={`break-on-${kind}`}
              checked={eventBreaks.includes(kind)}
              onChange={(e) =>
                setEventBreaks(
                  e.target.checked ? [...eventBreaks, kind] : eventBreaks.filter((k) => k !== kind),
                )
              }
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function BreakpointRow({ breakpoint }: { readonly breakpoint: LineBreakpoint }) {
  const [draft, setDraft] = useState(breakpoint.condition);
  const where = `${breakpoint.file}:${breakpoint.line}`;
  return (
    <li className="breakpoint-row" data-testid={`breakpoint-${breakpoint.line}`}>
      <span>{where}</span>
      <input
        className="breakpoint-condition nokey"
        data-testid={`breakpoint-condition-${breakpoint.line}`}
        aria-label={`Condition for the breakpoint at ${where} (C, over the locals and context there)`}
        placeholder="condition, e.g. ctx2->value_from_2 == 22"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void useTailscope.getState().setBreakpointCondition(breakpoint, draft)}
        onKeyDown={(e) => {
          if (e.key === "Enter") void useTailscope.getState().setBreakpointCondition(breakpoint, draft);
        }}
      />
      <button
        type="button"
        className="toolbar-button small"
        aria-label={`Remove the breakpoint at ${where}`}
        onClick={() => useTailscope.getState().toggleBreakpoint(breakpoint.file, breakpoint.line)}
      >
        ✕
      </button>
      {breakpoint.error && (
        <span className="breakpoint-error" role="alert" data-testid={`breakpoint-error-${breakpoint.line}`}>
          {breakpoint.error}
        </span>
      )}
    </li>
  );
}
