import { useMemo, useState } from "react";
import { type RunLogRow, runLogAt } from "../../state/derive/run-log";
import { useTailscope } from "../../state/store";
import { WhyButton } from "../debugging/WhyButton";
import { cpuColor } from "../graph/cpu-colors";
import { FutureToggle } from "./FutureToggle";

/** Packets the log lists (the trace log and the timeline have every one). */
const SHOWN_PACKETS = 200;

/**
 * Each packet's chain and printk lines, as far as the cursor has run them: packets still to
 * come are hidden, or shown greyed when asked for; the packet in flight is marked.
 */
export function RunLog() {
  const run = useTailscope((s) => s.run);
  const timeline = useTailscope((s) => s.session?.timeline ?? null);
  const view = useTailscope((s) => s.cursor?.state ?? null);
  const [showFuture, setShowFuture] = useState(false);
  const report = run && "report" in run ? run.report : null;
  const rows = useMemo(
    () => (report ? runLogAt(report.packets, timeline, view, SHOWN_PACKETS) : []),
    [report, timeline, view],
  );
  if (!run) return null;
  if ("error" in run) {
    return (
      <p className="run-error" role="alert">
        Cannot run: {run.error}
      </p>
    );
  }
  const started = rows.filter((row) => row.when !== "future").length;
  const shown = showFuture ? rows : rows.filter((row) => row.when !== "future");
  return (
    <div className="run-log" data-testid="run-log">
      <div className="trace-log-head">
        <h2 className="pane-title">
          Run · {run.report.packets.length} packets · {started} started by the cursor
        </h2>
        <FutureToggle testId="run-log-future" checked={showFuture} onChange={setShowFuture} what="packets" />
      </div>
      <ol className="packet-list">
        {shown.map((row) => (
          <PacketRow key={row.packet} row={row} showFuture={showFuture} />
        ))}
      </ol>
    </div>
  );
}

function PacketRow({ row, showFuture }: { row: RunLogRow; showFuture: boolean }) {
  return (
    <li
      className={`packet-row ${row.when}`}
      data-testid={`run-log-packet-${row.packet}`}
      data-when={row.when}
    >
      <div className="packet-head">
        <span className="cpu-tag" style={{ borderColor: cpuColor(row.cpu) }}>
          CPU {row.cpu}
        </span>
        packet {row.packet}: {row.programs.join(" → ")} · <Outcome row={row} />
      </div>
      {row.printed.map((line, i) => (
        <div
          key={`${i}:${line}`}
          className={
            row.when === "running" && i === row.printed.length - 1 ? "printk-line latest" : "printk-line"
          }
        >
          bpf_trace_printk: {line}
        </div>
      ))}
      {row.output.lines.map((line, i) => (
        <div key={`record:${i}:${line}`} className="record-line" data-testid={`record-${row.packet}-${i}`}>
          {line}
        </div>
      ))}
      {row.output.more > 0 && (
        <div className="record-line more">
          … {row.output.more} more record{row.output.more === 1 ? "" : "s"} in the run report
        </div>
      )}
      {(showFuture ? row.toCome : []).map((line, i) => (
        <div key={`future:${i}:${line}`} className="printk-line future">
          bpf_trace_printk: {line}
        </div>
      ))}
    </li>
  );
}

function Outcome({ row }: { row: RunLogRow }) {
  const { report } = row;
  if (row.when === "running") return <em>running</em>;
  if (report.testRunError)
    return (
      <strong className="fault">
        refused by the test run: {report.testRunError.errno} ({report.testRunError.reason})
      </strong>
    );
  if (report.fault)
    return (
      <strong className="fault">
        fault at line {report.fault.line}: {report.fault.message}
      </strong>
    );
  if (row.when === "future") return <>will return {report.retval}</>;
  return (
    <>
      retval{" "}
      <WhyButton
        target={{ kind: "return", packet: row.packet }}
        label={`packet ${row.packet}'s return value ${report.retval}`}
        testId={`why-return-${row.packet}`}
      >
        {report.retval}
      </WhyButton>
    </>
  );
}
