import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, summarize } from "../../src/engine";
import { lessons } from "../../src/lessons";
import { deriveGraph, type GraphNode, mapRows, nodeSize } from "../../src/state/derive/graph";
import { hopColumns, hopsOf } from "../../src/state/derive/graph-hops";
import { laneLayout, timelineHeight } from "../../src/state/derive/timeline";

function seedSummary() {
  const dir = join(import.meta.dirname, "../../src/lessons/01-seed-fixed");
  const files = Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
  return summarize(compile({ files, main: "programs.bpf.c" }));
}

function summaryOf(id: string) {
  const lesson = lessons.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  return summarize(compile({ files: lesson.files, main: lesson.main }));
}

const box = (n: GraphNode) => ({ id: n.id, ...n.position, ...nodeSize(n) });

describe("graph view model", () => {
  it("has the CPU strip, a node per program and map, and edges for attach, hops and map use", () => {
    const { nodes, edges } = deriveGraph(seedSummary(), 2);
    expect(nodes.map((n) => n.id).sort()).toEqual(
      [
        "cpus",
        "map:tail_context_map",
        "map:tail_programs",
        "program:egress1",
        "program:egress2",
        "program:egress3",
      ].sort(),
    );
    const byKind = (kind: string) =>
      edges
        .filter((e) => e.kind === kind)
        .map((e) => `${e.source}->${e.target}${e.label ? ` ${e.label}` : ""}`)
        .sort();
    expect(byKind("attach")).toEqual(["cpus->program:egress1"]);
    // Each hop program to program, labelled with the slot that carries it.
    expect(byKind("hop")).toEqual([
      "program:egress1->program:egress2 tail_programs[0]",
      "program:egress2->program:egress3 tail_programs[1]",
    ]);
    expect(byKind("uses")).toHaveLength(3);
  });

  it("puts the programs in columns by hop depth, left to right, the entry first", () => {
    const { nodes } = deriveGraph(seedSummary(), 2);
    const x = (id: string) => nodes.find((n) => n.id === id)?.position.x ?? Number.NaN;
    expect(x("program:egress1")).toBeLessThan(x("program:egress2"));
    expect(x("program:egress2")).toBeLessThan(x("program:egress3"));
  });

  it("follows the slots as they are: a hop moves when a slot does", () => {
    const build = seedSummary();
    const swapped = {
      ...build,
      maps: build.maps.map((m) =>
        m.name === "tail_programs"
          ? {
              ...m,
              slots: [
                { index: 0, program: "egress3" },
                { index: 1, program: "egress2" },
              ],
            }
          : m,
      ),
    };
    const { edges } = deriveGraph(swapped, 2);
    expect(
      edges
        .filter((e) => e.kind === "hop")
        .map((e) => `${e.source}->${e.target}`)
        .sort(),
    ).toEqual(["program:egress1->program:egress3", "program:egress2->program:egress2"]);
  });

  it("joins the parser's four crossing hops at a junction, labelled by slot", () => {
    const { nodes, edges } = deriveGraph(summaryOf("06-packet-parser"), 2);
    expect(nodes.filter((n) => n.type === "junction")).toHaveLength(1);
    const out = edges.filter((e) => e.source === "junction:0").map((e) => `${e.target} ${e.label}`);
    expect(out.sort()).toEqual(["program:parse_tcp parsers[2]", "program:parse_udp parsers[3]"]);
  });

  it("sets aside programs no packet reaches, out of the columns", () => {
    const build = summaryOf("05-empty-and-out-of-range");
    const hops = hopsOf(build, (map) => build.maps.find((m) => m.name === map)?.slots ?? []);
    const { columns, aside } = hopColumns(
      build.programs.map((p) => p.name),
      "dispatch",
      hops,
    );
    expect(columns).toEqual([["dispatch"], ["handle_a", "handle_c"]]);
    expect(aside).toEqual(["handle_b"]);
  });

  it("lays out every lesson at 1 to 64 CPUs with no two nodes overlapping", () => {
    for (const lesson of lessons)
      for (const cpus of [1, 2, 4, 8, 16, 64])
        for (const aspect of [1.2, 1.8, 2.4]) {
          const { nodes } = deriveGraph(summaryOf(lesson.id), cpus, { aspect });
          const boxes = nodes.map(box);
          for (const [i, a] of boxes.entries())
            for (const b of boxes.slice(i + 1)) {
              const apart =
                a.x + a.width <= b.x ||
                b.x + b.width <= a.x ||
                a.y + a.height <= b.y ||
                b.y + b.height <= a.y;
              expect(apart, `${lesson.id}, ${cpus} CPUs: ${a.id} and ${b.id} overlap`).toBe(true);
            }
        }
  });

  it("keeps a node's size while the cursor moves, so stepping never moves the picture", () => {
    const build = seedSummary();
    const map = build.maps.find((m) => m.name === "tail_context_map");
    if (!map) throw new Error("no map");
    for (const cpus of [2, 16]) {
      const rows = [null, 0, 3, 1].map((followed) => mapRows(map, cpus, followed).rows.length);
      expect(new Set(rows).size, `${cpus} CPUs`).toBe(1);
    }
    expect(mapRows(map, 4, 2)).toEqual({ rows: [0, 1, 2, 3], heat: [] });
    expect(mapRows(map, 8, 5).rows).toEqual([5]);
    expect(mapRows(map, 8, 5).heat).toEqual([0, 1, 2, 3, 4, 6, 7]);
  });

  it("gives the timeline a lane per CPU up to 16 and groups beyond, never over 70 pixels past 4 CPUs", () => {
    expect(laneLayout(2)).toMatchObject({ lanes: 2, perLane: 1 });
    expect(laneLayout(16)).toMatchObject({ lanes: 16, perLane: 1 });
    expect(laneLayout(64)).toMatchObject({ lanes: 16, perLane: 4 });
    for (const cpus of [5, 8, 16, 33, 64]) expect(timelineHeight(cpus)).toBeLessThanOrEqual(70);
  });

  it("lights the hops the followed packet made so far, in its CPU's colour, through junctions too", () => {
    const call = (from: string, key: number) => ({ from, map: "tail_programs", key, outcome: "jumped" });
    const running = {
      packet: 0,
      cpu: 1,
      programs: ["egress1", "egress2"],
      tailCalls: [call("egress1", 0)],
    };
    const { edges } = deriveGraph(seedSummary(), 2, { cursor: { maps: {}, running } });
    const trail = (id: string) => edges.find((e) => e.id === id)?.trail;
    expect(trail("hop:egress1:egress2")).toBe(1);
    expect(trail("hop:egress2:egress3")).toBeUndefined();

    const parser = {
      packet: 2,
      cpu: 0,
      programs: ["parse_eth", "parse_ipv6", "parse_udp"],
      tailCalls: [
        { from: "parse_eth", map: "parsers", key: 1, outcome: "jumped" },
        { from: "parse_ipv6", map: "parsers", key: 3, outcome: "jumped" },
      ],
    };
    const parsed = deriveGraph(summaryOf("06-packet-parser"), 2, { cursor: { maps: {}, running: parser } });
    const lit = parsed.edges.filter((e) => e.trail === 0).map((e) => e.id);
    expect(lit.sort()).toEqual([
      "hop:junction:0:parse_udp",
      "hop:parse_eth:parse_ipv6",
      "hop:parse_ipv6:junction:0",
    ]);
  });

  it("is empty while the source does not load", () => {
    expect(deriveGraph(null, 2).nodes).toEqual([]);
    expect(
      deriveGraph({ diagnostics: [], loaded: false, runnable: false, programs: [], maps: [], globals: [] }, 2)
        .nodes,
    ).toEqual([]);
  });
});

describe("a program Tailscope only checks", () => {
  it("is not said to run on the CPUs: the strip says it is checked, not run", () => {
    const dir = join(import.meta.dirname, "../conformance/cases/corpus-selftests-flow-dissector");
    const build = summarize(
      compile({ files: { "prog.bpf.c": readFileSync(join(dir, "prog.bpf.c"), "utf8") }, main: "prog.bpf.c" }),
    );
    const strip = deriveGraph(build, 2).nodes.find((n) => n.id === "cpus");
    expect(strip?.data).toMatchObject({ entry: "_dissect", entryRuns: false });
    const seedStrip = deriveGraph(seedSummary(), 2).nodes.find((n) => n.id === "cpus");
    expect(seedStrip?.data).toMatchObject({ entry: "egress1", entryRuns: true });
  });
});
