import { useTailscope } from "../../state/store";

const severityLabel = { error: "Error", warning: "Warning", note: "Note" } as const;

/**
 * Every diagnostic of the last build, with its plain-words explanation and suggested fix in
 * full (readable on a projector, no hover needed); activating one shows its line in the editor.
 */
export function ProblemsList() {
  const build = useTailscope((s) => s.build);
  const building = useTailscope((s) => s.building);
  const revealLocation = useTailscope((s) => s.revealLocation);
  const diagnostics = build?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  return (
    <div className="problems">
      <h2 className="pane-title">
        Problems{" "}
        <span data-testid="diagnostics-count" aria-label={`${errors} errors, ${warnings} warnings`}>
          {errors} errors · {warnings} warnings
        </span>
        {building && <span className="building"> · building…</span>}
      </h2>
      {diagnostics.length === 0 ? (
        <p className="pane-placeholder">
          {build ? (build.runnable ? "Builds and loads cleanly." : "") : "Building…"}
        </p>
      ) : (
        <ul className="problem-list" aria-label="Problems">
          {diagnostics.map((d) => (
            <li key={`${d.file}:${d.line}:${d.column}:${d.message}`}>
              <button
                type="button"
                className={`problem problem-${d.severity}`}
                onClick={() => revealLocation(d.file, d.line, d.column)}
              >
                <span className="problem-severity">{severityLabel[d.severity]}</span>
                <span className="problem-location">
                  {d.file}:{d.line}:{d.column}
                </span>
                <span className="problem-message">{d.message}</span>
                <span className="problem-stage">{d.stage}</span>
                {d.explanation && (
                  <span className="problem-explanation" data-testid="problem-explanation">
                    {d.explanation}
                  </span>
                )}
                {d.fix && (
                  <span className="problem-fix">Suggested fix: {d.fix.title} (Ctrl+. in the editor)</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
