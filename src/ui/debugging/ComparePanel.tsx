import { type DiffSide, effectText, type LockstepPoint } from "../../engine";
import { stateDifferences } from "../../state/derive/comparison";
import { useTailscope } from "../../state/store";

/**
 * Two runs side by side: pin a run (the code before an edit, one map type, one schedule), change
 * something and run again, then compare: the first packet and statement where they part, both
 * sides' statements, effects and differing values, stepped in lockstep from there.
 */
export function ComparePanel() {
  const comparison = useTailscope((s) => s.comparison);
  const session = useTailscope((s) => s.session);
  const title = useTailscope((s) => s.title);
  const state = useTailscope.getState;
  if (!comparison)
    return (
      <section className="compare" aria-label="Compare two runs" data-testid="compare">
        <h2 className="pane-title">Compare runs</h2>
        <p className="pane-placeholder">
          Pin this run, change the code or the scenario, run again, and see where the two part.
        </p>
        <button
          type="button"
          className="toolbar-button small"
          data-testid="compare-pin"
          disabled={!session}
          onClick={() => void state().pinRun(`${title}, run at ${new Date().toLocaleTimeString()}`)}
        >
          Pin this run
        </button>
      </section>
    );
  const { diff, point } = comparison;
  return (
    <section className="compare" aria-label="Compare two runs" data-testid="compare">
      <h2 className="pane-title">Compare runs · A: pinned, B: this run</h2>
      <p>
        A: {comparison.label}{" "}
        <button
          type="button"
          className="toolbar-button small"
          data-testid="compare-unpin"
          onClick={() => void state().unpinRun()}
        >
          Unpin
        </button>
      </p>
      <button
        type="button"
        className="toolbar-button small primary"
        data-testid="compare-run"
        disabled={!session}
        onClick={() => void state().compareRuns()}
      >
        Compare with this run
      </button>
      {diff?.same && (
        <p data-testid="compare-same">The runs do not differ: every packet and every statement agree.</p>
      )}
      {diff && !diff.same && (
        <div data-testid="compare-result">
          <p data-testid="compare-where">
            They part at packet {diff.packet}: its {diff.differs.join(", ")} differ
            {diff.differs.length === 1 ? "s" : ""}.
          </p>
          {point && <Lockstep point={point} />}
        </div>
      )}
    </section>
  );
}

function Lockstep({ point }: { readonly point: LockstepPoint }) {
  const { lockstepTo, seekCursor } = useTailscope.getState();
  const differences = point.a && point.b ? stateDifferences(point.a.state, point.b.state) : [];
  return (
    <div className="lockstep" data-testid="lockstep">
      <div className="lockstep-bar">
        <button
          type="button"
          className="toolbar-button small"
          aria-label="Both runs back one statement"
          data-testid="lockstep-back"
          disabled={point.index === 0}
          onClick={() => void lockstepTo(point.index - 1)}
        >
          ◀
        </button>
        <span data-testid="lockstep-index">
          statement {point.index + 1} of {point.length} in packet {point.packet}
        </span>
        <button
          type="button"
          className="toolbar-button small"
          aria-label="Both runs on one statement"
          data-testid="lockstep-forward"
          disabled={point.index + 1 >= point.length}
          onClick={() => void lockstepTo(point.index + 1)}
        >
          ▶
        </button>
        {point.b && (
          <button
            type="button"
            className="toolbar-button small"
            onClick={() => void seekCursor(point.b?.step ?? 0)}
          >
            Show B there
          </button>
        )}
      </div>
      <div className="lockstep-sides">
        <Side name="A" side={point.a} />
        <Side name="B" side={point.b} />
      </div>
      {differences.length > 0 && (
        <table className="locals" data-testid="lockstep-differences">
          <caption>Values that differ here</caption>
          <thead>
            <tr>
              <th scope="col">value</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((d) => (
              <tr key={`${d.map}/${d.key}/${d.cpu}`}>
                <th scope="row">
                  {d.map}[{d.key}]{d.cpu === null ? "" : ` CPU ${d.cpu}`}
                </th>
                <td>{d.a}</td>
                <td>{d.b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Side({ name, side }: { readonly name: string; readonly side: DiffSide | null }) {
  return (
    <div className="lockstep-side" data-testid={`lockstep-${name}`}>
      <h3>{name}</h3>
      {!side ? (
        <p>the packet has ended</p>
      ) : (
        <>
          <p>
            {side.program} on CPU {side.cpu}, {side.file}:{side.line} · step {side.step}
          </p>
          <ul>
            {side.effects.length === 0 && <li>no store, printk or tail call</li>}
            {side.effects.map((effect) => (
              <li key={JSON.stringify(effect)}>{effectText(effect)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
