// What the logs and the graph show is true at the cursor: printed lines up to the cursor's
// step only, the attached program as the entry, nothing flashed as written going back, and an
// event list in step order.
import { describe, expect, it } from "vitest";
import { deriveGraph } from "../../src/state/derive/graph";
import { runLogAt } from "../../src/state/derive/run-log";
import { lessonStore } from "../support/lesson-store";

async function ranStore(id: string) {
  const store = lessonStore(id);
  await store.getState().rebuild();
  await store.getState().runScenario();
  return store;
}

describe("the screen at the cursor", () => {
  it("the trace log and the run log hold exactly the lines printed by the cursor's step", async () => {
    const store = await ranStore("01-seed-fixed");
    const { session, run } = store.getState();
    const total = session?.totalSteps ?? 0;
    const reports = run && "report" in run ? run.report.packets : [];
    for (let step = 0; step <= total; step++) {
      await store.getState().seekCursor(step);
      const view = store.getState().cursor?.state ?? null;
      const window = await store.getState().traceLogWindow(0, 0, null, null, step);
      const rows = runLogAt(reports, session?.timeline ?? null, view, 200);
      const printed = rows.reduce((sum, row) => sum + row.printed.length, 0);
      expect(printed, `step ${step}`).toBe(window.printed);
    }
    const end = await store.getState().traceLogWindow(0, 0, null, null, total);
    expect(end.printed).toBe(end.total);
    expect((await store.getState().traceLogWindow(0, 0, null, null, 0)).printed).toBe(0);
  });

  it("the attached program is the entry, whatever no slot holds", async () => {
    const store = await ranStore("05-empty-and-out-of-range");
    const { build } = store.getState();
    const graph = deriveGraph(build, 2, { attach: "dispatch" });
    const entries = graph.nodes.filter((n) => n.type === "program" && n.data.isEntry).map((n) => n.id);
    expect(entries).toEqual(["program:dispatch"]);
    const cpus = graph.nodes.find((n) => n.type === "cpus");
    expect(cpus?.type === "cpus" && cpus.data.entry).toBe("dispatch");
    // handle_b is in no slot as loaded: nothing reaches it.
    const unreached = graph.nodes.filter((n) => n.type === "program" && n.data.unreached).map((n) => n.id);
    expect(unreached).toEqual(["program:handle_b"]);
    store.getState().setAttach("handle_c");
    expect(store.getState().session).toBeNull();
    const again = deriveGraph(build, 2, { attach: store.getState().attach?.program });
    expect(again.nodes.filter((n) => n.type === "program" && n.data.isEntry).map((n) => n.id)).toEqual([
      "program:handle_c",
    ]);
  });

  it("a backward move marks the writes it undoes, not writes, and makes no hop", async () => {
    const store = await ranStore("01-seed-fixed");
    await store.getState().seekCursor(0);
    const forward = { ...store.getState() };
    await store.getState().moveCursor({ kind: "packet", direction: 1 });
    await store.getState().moveCursor({ kind: "hop", direction: 1 });
    await store.getState().moveCursor({ kind: "hop", direction: 1 });
    const after = store.getState();
    const ahead = deriveGraph(after.build, 2, {
      cursor: after.cursor?.state,
      previous: forward.cursor?.state,
    });
    const aheadMap = ahead.nodes.find((n) => n.id === "map:tail_context_map");
    expect(aheadMap?.type === "map" && aheadMap.data.undone).toBe(false);
    await store.getState().seekCursor(0);
    const back = store.getState();
    const graph = deriveGraph(back.build, 2, {
      cursor: back.cursor?.state,
      previous: back.previousCursor?.state,
    });
    const map = graph.nodes.find((n) => n.id === "map:tail_context_map");
    expect(map?.type === "map" && Object.keys(map.data.before).length).toBeGreaterThan(0);
    expect(map?.type === "map" && map.data.undone).toBe(true);
  });

  it("lists the run's events in step order, filtered, with how many happened by the cursor", async () => {
    const store = await ranStore("01-seed-fixed");
    const total = store.getState().session?.totalSteps ?? 0;
    const all = await store.getState().eventWindow(0, 10_000, { kinds: null, cpu: null }, total);
    expect(all.happened).toBe(all.total);
    const steps = all.events.map((e) => e.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const kinds = (kind: string) => all.events.filter((e) => e.kind === kind);
    expect(kinds("packet")).toHaveLength(4);
    expect(kinds("verdict").map((e) => (e.kind === "verdict" ? e.retval : null))).toEqual([1, 1, 1, 1]);
    expect(kinds("printk")).toHaveLength(16);
    const hops = kinds("tail-call");
    expect(hops).toHaveLength(8);
    expect(hops[0].kind === "tail-call" && [hops[0].map, hops[0].slot, hops[0].to]).toEqual([
      "tail_programs",
      0,
      "egress2",
    ]);
    expect(kinds("map-write").length).toBeGreaterThan(0);
    const cpu1 = await store.getState().eventWindow(0, 10_000, { kinds: ["printk"], cpu: 1 }, 0);
    expect(cpu1.total).toBe(8);
    expect(cpu1.happened).toBe(0);
    expect(cpu1.events.every((e) => e.cpu === 1 && e.kind === "printk")).toBe(true);
  });
});
