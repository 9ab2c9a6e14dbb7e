import { runPackets } from "../../state/run-action";
import { useTailscope } from "../../state/store";

/** The scenario (CPUs, packets) and the button that runs it. */
export function RunControls() {
  const cpus = useTailscope((s) => s.cpus);
  const packetCount = useTailscope((s) => s.packetCount);
  const setCpus = useTailscope((s) => s.setCpus);
  const setPacketCount = useTailscope((s) => s.setPacketCount);
  const running = useTailscope((s) => s.running);
  const runnable = useTailscope((s) => s.build?.runnable ?? false);
  const refused = useTailscope((s) => (s.build?.loaded ?? false) && !(s.build?.runnable ?? false));
  return (
    <div className="scenario-row">
      <label htmlFor="cpu-count">CPUs</label>
      <input
        id="cpu-count"
        data-testid="cpu-count"
        type="number"
        min={1}
        max={64}
        value={cpus}
        onChange={(e) => setCpus(Number(e.target.value) || 1)}
      />
      <label htmlFor="packet-count">Packets</label>
      <input
        id="packet-count"
        data-testid="packet-count"
        type="number"
        min={1}
        max={100000}
        value={packetCount}
        onChange={(e) => setPacketCount(Number(e.target.value) || 1)}
      />
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-run"
        disabled={!runnable || running}
        title={refused ? "The verifier refuses the program: see Problems" : undefined}
        onClick={() => void runPackets()}
      >
        {running ? "Running…" : "▶ Run"}
      </button>
    </div>
  );
}
