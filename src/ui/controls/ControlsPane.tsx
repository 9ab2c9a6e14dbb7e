/** Run controls and the trace log live here; the run itself arrives with the runtime. */
export function ControlsPane() {
  return (
    <section className="pane controls-pane" data-testid="controls" aria-label="Run controls and trace log">
      <h2 className="pane-title">Run</h2>
      <p className="pane-placeholder">Nothing has run yet.</p>
    </section>
  );
}
