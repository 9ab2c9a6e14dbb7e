import { MAX_CPUS } from "../../engine";
import { command } from "../../state/commands";
import { entryOf } from "../../state/derive/entry";
import { useTailscope } from "../../state/store";

/** The scenario (CPUs, packets) and the button that runs it. */
export function RunControls() {
  const cpus = useTailscope((s) => s.cpus);
  const packetCount = useTailscope((s) => (Array.isArray(s.packets) ? s.packets.length : s.packets.count));
  const setCpus = useTailscope((s) => s.setCpus);
  const setPacketCount = useTailscope((s) => s.setPacketCount);
  const schedule = useTailscope((s) => s.schedule);
  const setSchedule = useTailscope((s) => s.setSchedule);
  return (
    <div className="scenario-row">
      <AttachSelect />
      <label htmlFor="cpu-count">CPUs</label>
      <input
        id="cpu-count"
        data-testid="cpu-count"
        type="number"
        min={1}
        max={MAX_CPUS}
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
      <GeneratorFields />
      <label htmlFor="schedule">Schedule</label>
      <select
        id="schedule"
        data-testid="schedule"
        value={schedule.mode}
        title="Sequential: each packet runs to completion (the kernel's test run). Interleaved: CPUs run at once, a statement at a time."
        onChange={(e) =>
          setSchedule(
            e.target.value === "interleaved" ? { mode: "interleaved", seed: 7 } : { mode: "sequential" },
          )
        }
      >
        <option value="sequential">sequential</option>
        <option value="interleaved">interleaved</option>
      </select>
      <RunButton />
    </div>
  );
}

/**
 * The program packets enter (the scenario's `attach`), chosen among the loaded programs; with
 * none attached and no single candidate, the run asks for one.
 */
function AttachSelect() {
  const build = useTailscope((s) => s.build);
  const attach = useTailscope((s) => s.attach?.program ?? null);
  const setAttach = useTailscope((s) => s.setAttach);
  if (!build?.loaded || build.programs.length === 0) return null;
  const entry = entryOf(build, attach);
  return (
    <>
      <label htmlFor="attach-program">Attach</label>
      <select
        id="attach-program"
        data-testid="attach-select"
        value={entry ?? ""}
        title="The program the hook runs: every packet enters here"
        onChange={(e) => setAttach(e.target.value)}
      >
        {entry === null && (
          <option value="" disabled>
            {attach ? `${attach} (not in the build)` : "choose…"}
          </option>
        )}
        {build.programs.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** Runs the scenario (F5), or says why it cannot; while a run goes on, its progress and Cancel. */
export function RunButton() {
  const running = useTailscope((s) => s.running);
  const runnable = useTailscope((s) => command("run").enabled(s));
  const refused = useTailscope((s) => (s.build?.loaded ?? false) && !(s.build?.runnable ?? false));
  return (
    <>
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-run"
        aria-keyshortcuts="F5"
        disabled={!runnable}
        title={refused ? "The verifier refuses the program: see Problems" : "Run (F5)"}
        onClick={() => command("run").perform(useTailscope.getState())}
      >
        {running ? "Running…" : "▶ Run"}
      </button>
      {running && <RunProgress />}
    </>
  );
}

function RunProgress() {
  const progress = useTailscope((s) => s.progress);
  const cancelRun = useTailscope((s) => s.cancelRun);
  const label = progress
    ? `Running: ${progress.done.toLocaleString("en")} of ${progress.total.toLocaleString("en")} packets`
    : "Starting…";
  return (
    <span className="run-progress" data-testid="run-progress">
      <progress aria-label={label} max={progress ? progress.total : 1} value={progress ? progress.done : 0} />
      <span className="run-progress-label">{label}</span>
      <button
        type="button"
        className="toolbar-button"
        data-testid="btn-cancel-run"
        aria-keyshortcuts="Escape"
        onClick={cancelRun}
      >
        Cancel
      </button>
    </span>
  );
}

/**
 * The packet generator's template, CPU policy and seed; an explicit packet list (a lesson's
 * hand-made frames) says so instead, until the count is changed.
 */
function GeneratorFields() {
  const packets = useTailscope((s) => s.packets);
  const setGenerator = useTailscope((s) => s.setGenerator);
  if (Array.isArray(packets))
    return (
      <span className="scenario-note" data-testid="packet-list-note">
        listed frames (change the count to generate)
      </span>
    );
  return (
    <>
      <label htmlFor="packet-template">Frames</label>
      <select
        id="packet-template"
        data-testid="packet-template"
        value={packets.template}
        onChange={(e) => setGenerator({ template: e.target.value as typeof packets.template })}
      >
        <option value="ipv4-udp">IPv4/UDP</option>
        <option value="ipv4-tcp">IPv4/TCP</option>
        <option value="ipv6-udp">IPv6/UDP</option>
      </select>
      <label htmlFor="packet-cpu-policy">CPU by</label>
      <select
        id="packet-cpu-policy"
        data-testid="packet-cpu-policy"
        value={packets.cpu}
        title="Round-robin: packet i on CPU i mod n. Random: seeded. Flow: a hash of addresses and ports, like RSS."
        onChange={(e) => setGenerator({ cpu: e.target.value as typeof packets.cpu })}
      >
        <option value="round-robin">round-robin</option>
        <option value="random">random</option>
        <option value="flow">flow hash</option>
      </select>
      <label htmlFor="packet-seed">Seed</label>
      <input
        id="packet-seed"
        data-testid="packet-seed"
        type="number"
        value={packets.seed}
        onChange={(e) => setGenerator({ seed: Math.trunc(Number(e.target.value) || 0) })}
      />
    </>
  );
}
