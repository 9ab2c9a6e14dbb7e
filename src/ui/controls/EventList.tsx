import { useState } from "react";
import type { EventFilter, EventKind, RunEvent } from "../../engine";
import { eventText } from "../../state/derive/event-text";
import { useTailscope } from "../../state/store";
import { cpuColor } from "../graph/cpu-colors";
import { CpuSelect } from "./CpuSelect";
import { useCursorCount } from "./use-cursor-count";
import { usePagedList } from "./use-paged-list";

const ROW_HEIGHT = 22;

/** The kind filter's choices: what a person looks for, each a set of event kinds. */
const kindChoices: readonly { readonly label: string; readonly kinds: readonly EventKind[] | null }[] = [
  { label: "all events", kinds: null },
  { label: "packets and verdicts", kinds: ["packet", "verdict"] },
  { label: "tail calls", kinds: ["tail-call"] },
  { label: "map reads and writes", kinds: ["map-read", "map-write"] },
  { label: "map writes", kinds: ["map-write"] },
  { label: "printk", kinds: ["printk"] },
];

/**
 * Every event of the run, one row each, as Packet Tracer's simulation mode lists them: a
 * packet entering, map lookups, reads and writes, printk lines, tail calls and their outcome,
 * each packet's verdict by its hook's name. Filtered by kind and CPU; the events up to the
 * cursor plain, the latest marked, those still to come greyed; a click seeks to the event.
 */
export function EventList() {
  const session = useTailscope((s) => s.session);
  const cpus = useTailscope((s) => s.cpus);
  const build = useTailscope((s) => s.build);
  const step = useTailscope((s) => s.cursor?.step ?? 0);
  const [choice, setChoice] = useState(0);
  const [cpu, setCpu] = useState<number | null>(null);
  const filter: EventFilter = { kinds: kindChoices[choice].kinds, cpu };
  const { count: happenedUpToCursor } = useCursorCount(step, filter, session !== null, async (at, f) => {
    const answer = await useTailscope.getState().eventWindow(0, 0, f, at);
    return answer.happened;
  });
  const { total, items, virtualizer, scroller, rowAt } = usePagedList<RunEvent, EventFilter>({
    live: session !== null,
    session,
    filter,
    rowHeight: ROW_HEIGHT,
    fetch: async (from, count, f) => {
      const window = await useTailscope.getState().eventWindow(from, count, f, null);
      return { total: window.total, rows: window.events };
    },
    shown: (all) => all,
    latest: happenedUpToCursor - 1,
  });
  const happened = Math.min(total, happenedUpToCursor);

  if (!session) return null;
  const typeOf = (program: string) => build?.programs.find((p) => p.name === program)?.type;
  return (
    <section className="trace-log" aria-label="Event list" data-testid="event-list">
      <div className="trace-log-head">
        <h2 className="pane-title" data-testid="event-count">
          Events · {happened.toLocaleString("en")} of {total.toLocaleString("en")} happened
        </h2>
        <select
          className="cpu-focus"
          aria-label="Show events of one kind"
          data-testid="event-kind"
          value={choice}
          onChange={(e) => setChoice(Number(e.target.value))}
        >
          {kindChoices.map((c, i) => (
            <option key={c.label} value={i}>
              {c.label}
            </option>
          ))}
        </select>
        <CpuSelect
          testId="event-cpu"
          label="Show events of one CPU"
          cpus={cpus}
          value={cpu}
          onChange={setCpu}
        />
      </div>
      <div ref={scroller} className="trace-log-scroll" role="list" aria-label="Run events">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const event = rowAt(item.index);
            const when = item.index === happened - 1 ? "latest" : item.index >= happened ? "future" : "past";
            return (
              <div
                key={item.key}
                role="listitem"
                className={
                  when === "past" ? "trace-line" : `trace-line ${when === "latest" ? "current" : "future"}`
                }
                data-when={when}
                style={{ position: "absolute", top: item.start, height: ROW_HEIGHT, left: 0, right: 0 }}
              >
                {event ? (
                  <button
                    type="button"
                    className="trace-line-button"
                    data-testid={`event-${item.index}`}
                    data-kind={event.kind}
                    title={`Seek to step ${event.step}`}
                    onClick={() => void useTailscope.getState().seekCursor(event.step)}
                  >
                    <span
                      className="cpu-mark"
                      style={{ background: event.cpu === null ? "transparent" : cpuColor(event.cpu) }}
                      aria-hidden="true"
                    />
                    <span className="event-step">{event.step}</span>
                    {event.cpu !== null && `CPU ${event.cpu} · `}
                    {eventText(event, typeOf)}
                  </button>
                ) : (
                  "…"
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
