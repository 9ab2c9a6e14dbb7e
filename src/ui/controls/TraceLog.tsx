import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useRef, useState } from "react";
import type { TraceLogWindow } from "../../engine";
import { useTailscope } from "../../state/store";
import { cpuColor } from "../graph/cpu-colors";
import { useCursorCount } from "./use-cursor-count";

type Line = TraceLogWindow["lines"][number];

const ROW_HEIGHT = 20;
/** Lines fetched from the worker at a time. */
const PAGE = 200;

/**
 * The printk output as `trace_pipe` shows it, tied to the cursor: the lines printed by the
 * cursor's step, the latest marked; the lines still to come hidden, or shown greyed (a toggle).
 * Virtualised (only the rows in view exist, fetched from the worker a page at a time), filtered
 * by CPU and program; a click (or Enter) on a line seeks to the step that printed it.
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
  const [total, setTotal] = useState(0);
  const printed = Math.min(
    total,
    useCursorCount(step, { cpu, program }, session !== null, async (at, filter) => {
      const answer = await useTailscope.getState().traceLogWindow(0, 0, filter.cpu, filter.program, at);
      return answer.printed;
    }),
  );
  const rows = showFuture ? total : printed;
  const lines = useRef(new Map<number, Line>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const fetchPage = async (from: number) => {
    const page = Math.floor(from / PAGE) * PAGE;
    if (pending.current.has(page)) return;
    pending.current.add(page);
    const window = await useTailscope.getState().traceLogWindow(page, PAGE, cpu, program);
    setTotal(window.total);
    for (const line of window.lines) lines.current.set(line.index, line);
    setVersion((v) => v + 1);
  };

  // A new run or filter starts from an empty cache and the first page.
  // fetchPage reads the current filter.
  useEffect(() => {
    lines.current = new Map();
    pending.current = new Set();
    setTotal(0);
    if (session) void fetchPage(0);
  }, [session, cpu, program]);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  // Fetch what scrolled into view.
  useEffect(() => {
    for (const item of items) if (!lines.current.has(item.index)) void fetchPage(item.index);
  }, [items]);

  // Keep the latest printed line in view as the cursor moves.
  useEffect(() => {
    virtualizer.scrollToIndex(Math.max(0, printed - 1), { align: "auto" });
  }, [printed]);

  if (!session) return null;
  return (
    <section className="trace-log" aria-label="Trace log" data-testid="trace-log">
      <div className="trace-log-head">
        <h2 className="pane-title" data-testid="trace-log-count">
          trace_pipe · {printed.toLocaleString("en")} of {total.toLocaleString("en")} lines printed
        </h2>
        <label className="trace-log-toggle">
          <input
            type="checkbox"
            data-testid="trace-log-future"
            checked={showFuture}
            onChange={(e) => setShowFuture(e.target.checked)}
          />
          show lines still to come
        </label>
        <select
          className="cpu-focus"
          aria-label="Show the lines of one CPU"
          data-testid="trace-log-cpu"
          value={cpu ?? "all"}
          onChange={(e) => setCpu(e.target.value === "all" ? null : Number(e.target.value))}
        >
          <option value="all">all CPUs</option>
          {Array.from({ length: cpus }, (_, n) => `CPU ${n}`).map((label, n) => (
            <option key={label} value={n}>
              {label}
            </option>
          ))}
        </select>
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
            const line = lines.current.get(item.index);
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
          onClick={() => void useTailscope.getState().seekCursor(line.step)}
        >
          <span className="cpu-mark" style={{ background: cpuColor(line.cpu) }} aria-hidden="true" />
          {line.line}
        </button>
      ) : (
        "…"
      )}
    </div>
  );
});
