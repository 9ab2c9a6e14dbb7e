import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, summarize } from "../../src/engine";
import { deriveGraph, nodeSize } from "../../src/state/derive/graph";

function seedSummary() {
  const dir = join(import.meta.dirname, "../../src/lessons/01-seed-fixed");
  const files = Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
  return summarize(compile({ files, main: "programs.bpf.c" }));
}

describe("graph view model", () => {
  it("has a node per CPU, program and map, and edges for attach, slots, tail calls and map use", () => {
    const { nodes, edges } = deriveGraph(seedSummary(), 2);
    expect(nodes.map((n) => n.id).sort()).toEqual(
      [
        "cpu:0",
        "cpu:1",
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
        .map((e) => `${e.source}->${e.target}`)
        .sort();
    expect(byKind("attach")).toEqual(["cpu:0->program:egress1", "cpu:1->program:egress1"]);
    expect(byKind("slot")).toEqual([
      "map:tail_programs->program:egress2",
      "map:tail_programs->program:egress3",
    ]);
    expect(byKind("tail-call")).toEqual([
      "program:egress1->map:tail_programs",
      "program:egress2->map:tail_programs",
    ]);
    expect(edges.find((e) => e.id === "tail:egress1:tail_programs")?.label).toBe("tail call [0]");
    expect(byKind("uses")).toHaveLength(3);
  });

  it("stacks the programs of a prog array's slots in slot order, so their edges do not cross", () => {
    const { nodes } = deriveGraph(seedSummary(), 2);
    const y = (id: string) => nodes.find((n) => n.id === id)?.position.y ?? Number.NaN;
    expect(y("program:egress2")).toBeLessThan(y("program:egress3"));
  });

  it("is laid out by dagre: no two nodes' boxes overlap", () => {
    for (const cpus of [1, 2, 8, 16]) {
      const { nodes } = deriveGraph(seedSummary(), cpus);
      const boxes = nodes.map((n) => ({ id: n.id, ...n.position, ...nodeSize(n) }));
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) {
          const apart =
            a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          expect(apart, `${a.id} and ${b.id} overlap with ${cpus} CPUs`).toBe(true);
        }
    }
  });

  it("is empty while the source does not load", () => {
    expect(deriveGraph(null, 2).nodes).toEqual([]);
    expect(
      deriveGraph({ diagnostics: [], loaded: false, runnable: false, programs: [], maps: [] }, 2).nodes,
    ).toEqual([]);
  });
});
