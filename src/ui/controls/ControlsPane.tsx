import { useTailscope } from "../../state/store";
import { ProblemsList } from "./ProblemsList";

/** The scenario's CPUs, and the problems of the last build; the run controls arrive with the runtime. */
export function ControlsPane() {
  const cpus = useTailscope((s) => s.cpus);
  const setCpus = useTailscope((s) => s.setCpus);
  return (
    <section className="pane controls-pane" data-testid="controls" aria-label="Scenario and problems">
      <div className="scenario-row">
        <label htmlFor="cpu-count">CPUs</label>
        <input
          id="cpu-count"
          data-testid="cpu-count"
          type="number"
          min={1}
          max={64}
          value={cpus}
          onChange={(event) => setCpus(Number(event.target.value) || 1)}
        />
      </div>
      <ProblemsList />
    </section>
  );
}
