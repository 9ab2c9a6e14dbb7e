import { memo, useState } from "react";
import type { TraceLogWindow } from "../../engine";
import { useTailscope } from "../../state/store";
import { WhyButton } from "../debugging/WhyButton";
import { cpuColor } from "../graph/cpu-colors";
import { CpuSelect } from "./CpuSelect";
import { FutureToggle } from "./FutureToggle";
import { useCursorCount } from "./use-cursor-count";
import { usePagedList } from "./use-paged-list";

type Line = TraceLogWindow["lines"][number];

const ROW_HEIGHT = 20;

/**
 * The printk output as `trace_pipe` shows it, tied to the cursor: the lines printed by the
 * cursor's step, the latest marked; the lines still to come hidden, or shown greyed (a toggle).
 * Virtualised (see usePagedList), filtered by CPU and program; a click (or Enter) on a line seeks to the step that printed it.
 */
export function TraceLog() {
  const session = useTailscope((s) => s.session);
  const cpus = useTailscope((s) => s.cpus);
  // Select the build, not `build?.programs ?? []`: a fresh [] on every read never settles.
  const build = useTailscope((s) => s.build);
  const programs = build?.programs ?? [];
  const step = useTailscope((s) => s.cursor?.step ?? -1);
  const [cpu, setCpu] = useState<number | null>(null);
  const [program, setProgram] = useState<string | null>(null);
  const [showFuture, setShowFuture] = useState(false);
  // Logpoints shown or removed change the lines: the serial makes the windows refetch.
  const serial = useTailscope((s) => s.traceLogSerial);
  const filter = { cpu, program, serial };
  const { count: printedUpToCursor, answered } = useCursorCount(
    step,
    filter,
    session !== null,
    async (at, f) => {
      const answer = await useTailscope.getState().traceLogWindow(0, 0, f.cpu, f.program, at);
      return answer.printed;
    },
  );
  const { total, items, virtualizer, scroller, rowAt } = usePagedList<Line, typeof filter>({
    live: session !== null,
    session,
    filter,
    rowHeight: ROW_HEIGHT,
    fetch: async (from, count, f) => {
      const window = await useTailscope.getState().traceLogWindow(from, count, f.cpu, f.program);
      return { total: window.total, rows: window.lines };
    },
    shown: (all) => (showFuture ? all : Math.min(all, printedUpToCursor)),
    latest: printedUpToCursor - 1,
  });
  const printed = Math.min(total, printedUpToCursor);

  if (!session) return null;
  return (
    <section
      className="trace-log"
      aria-label="Trace log"
      data-testid="trace-log"
      data-cursor-step={step}
      data-counted-step={answered}
    >
      <div className="trace-log-head">
        <h2 className="pane-title" data-testid="trace-log-count">
          trace_pipe · {printed.toLocaleString("en")} of {total.toLocaleString("en")} lines printed
        </h2>
        <FutureToggle testId="trace-log-future" checked={showFuture} onChange={setShowFuture} what="lines" />
        <CpuSelect
          testId="trace-log-cpu"
          label="Show the lines of one CPU"
          cpus={cpus}
          value={cpu}
          onChange={setCpu}
        />
        <select
          className="cpu-focus"
          aria-label="Show the lines of one program"
          data-testid="trace-log-program"
          value={program ?? "all"}
          onChange={(e) => setProgram(e.target.value === "all" ? null : e.target.value)}
        >
          <option value="all">all programs</option>
          {programs.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div ref={scroller} className="trace-log-scroll" role="list" aria-label="printk lines">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const line = rowAt(item.index);
            return (
              <TraceRow
                key={item.key}
                index={item.index}
                top={item.start}
                line={line}
                when={item.index === printed - 1 ? "latest" : item.index >= printed ? "future" : "past"}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}

interface TraceRowProps {
  readonly index: number;
  readonly top: number;
  /** Not fetched from the worker yet: shown as "…". */
  readonly line: Line | undefined;
  /** Printed before the cursor, the latest printed by it, or still to come. */
  readonly when: "past" | "latest" | "future";
}

/** One line; memoised, so a step re-renders only the rows whose mark changes. */
const TraceRow = memo(function TraceRow({ index, top, line, when }: TraceRowProps) {
  return (
    <div
      role="listitem"
      className={when === "past" ? "trace-line" : `trace-line ${when === "latest" ? "current" : "future"}`}
      data-when={when}
      style={{ position: "absolute", top, height: ROW_HEIGHT, left: 0, right: 0 }}
    >
      {line ? (
        <button
          type="button"
          className="trace-line-button"
          data-testid={`trace-line-${index}`}
          title={`Seek to step ${line.step} (${line.program})`}
          data-logpoint={line.logpoint === undefined ? undefined : line.logpoint}
          onClick={() => void useTailscope.getState().seekCursor(line.step)}
        >
          <span className="cpu-mark" style={{ background: cpuColor(line.cpu) }} aria-hidden="true" />
          {line.logpoint !== undefined && (
            <span
              className="logpoint-mark"
              title="A logpoint's line: added after the run, not printed by the program"
            >
              logpoint
            </span>
          )}
          {line.logpoint !== undefined ? `CPU ${line.cpu} ${line.program}: ${line.line}` : line.line}
        </button>
      ) : null}
      {line && line.logpoint === undefined && (
        <WhyButton
          target={{ kind: "printk", step: line.step }}
          label={`the arguments of the line printed at step ${line.step}`}
          testId={`trace-line-why-${index}`}
        >
          <span className="trace-line-why">why?</span>
        </WhyButton>
      )}
      {!line && "…"}
    </div>
  );
});
