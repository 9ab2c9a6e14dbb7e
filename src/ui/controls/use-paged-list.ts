import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";

/** Rows fetched from the worker at a time. */
const PAGE = 200;

export interface PagedListOptions<Row, Filter> {
  /** A recorded run exists to ask. */
  readonly live: boolean;
  readonly filter: Filter;
  /** Forgets every fetched row when it changes (a new run). */
  readonly session: unknown;
  readonly rowHeight: number;
  /** Rows from `from` on, and how many match the filter in all. */
  readonly fetch: (
    from: number,
    count: number,
    filter: Filter,
  ) => Promise<{ total: number; rows: readonly Row[] }>;
  /** How many rows to list, given how many match (all, or only those up to the cursor). */
  readonly shown: (total: number) => number;
  /** The row to keep in view (the latest up to the cursor), -1 for none. */
  readonly latest: number;
}

/**
 * A virtualised list of a recorded run's rows, fetched from the worker a page at a time as
 * they scroll into view (only the rows in view exist); a new run or filter starts from an
 * empty cache and the first page; the latest row up to the cursor is kept in view.
 */
export function usePagedList<Row extends { readonly index: number }, Filter>(
  options: PagedListOptions<Row, Filter>,
) {
  const { live, filter, session, rowHeight, latest } = options;
  const [total, setTotal] = useState(0);
  const rows = useRef(new Map<number, Row>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const current = useRef(options);
  current.current = options;

  const fetchPage = async (from: number) => {
    const page = Math.floor(from / PAGE) * PAGE;
    if (pending.current.has(page)) return;
    pending.current.add(page);
    const window = await current.current.fetch(page, PAGE, current.current.filter);
    setTotal(window.total);
    for (const row of window.rows) rows.current.set(row.index, row);
    setVersion((v) => v + 1);
  };

  useEffect(() => {
    rows.current = new Map();
    pending.current = new Set();
    setTotal(0);
    if (live) void fetchPage(0);
  }, [session, live, JSON.stringify(filter)]);

  const virtualizer = useVirtualizer({
    count: options.shown(total),
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  // Fetch what scrolled into view.
  useEffect(() => {
    for (const item of items) if (!rows.current.has(item.index)) void fetchPage(item.index);
  }, [items]);

  const shownLatest = Math.min(total - 1, latest);
  useEffect(() => {
    virtualizer.scrollToIndex(Math.max(0, shownLatest), { align: "auto" });
  }, [shownLatest]);

  return { total, items, virtualizer, scroller, rowAt: (index: number) => rows.current.get(index) };
}
