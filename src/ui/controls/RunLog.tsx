import { useTailscope } from "../../state/store";
import { cpuColor } from "../graph/cpu-colors";

/** Each packet's chain and printk lines from the last run. */
export function RunLog() {
  const run = useTailscope((s) => s.run);
  if (!run) return null;
  if ("error" in run) {
    return (
      <p className="run-error" role="alert">
        Cannot run: {run.error}
      </p>
    );
  }
  const shown = run.report.packets.slice(0, 200);
  return (
    <div className="run-log" data-testid="run-log">
      <h2 className="pane-title">Run · {run.report.packets.length} packets</h2>
      <ol className="packet-list">
        {shown.map((packet, index) => (
          <li key={index} className="packet-row">
            <div className="packet-head">
              <span className="cpu-tag" style={{ borderColor: cpuColor(packet.cpu) }}>
                CPU {packet.cpu}
              </span>
              packet {index}: {packet.programs.join(" → ")} ·{" "}
              {packet.testRunError ? (
                <strong className="fault">
                  refused by the test run: {packet.testRunError.errno} ({packet.testRunError.reason})
                </strong>
              ) : packet.fault ? (
                <strong className="fault">
                  fault at line {packet.fault.line}: {packet.fault.message}
                </strong>
              ) : (
                `retval ${packet.retval}`
              )}
            </div>
            {packet.printk.map((line, i) => (
              <div key={`${index}:${i}:${line}`} className="printk-line">
                bpf_trace_printk: {line}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
