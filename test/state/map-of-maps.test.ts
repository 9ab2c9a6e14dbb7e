import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, simulate, summarize } from "../../src/engine";
import { parseScenario } from "../../src/engine/sim/scenario";
import { deriveGraph } from "../../src/state/derive/graph";
import { innerMapCandidates, innerMapRows } from "../../src/state/derive/map-of-maps";
import { nodeLines } from "../../src/ui/share/graph-svg";

const dir = join(import.meta.dirname, "../conformance/cases/maps-of-maps");
const source = readFileSync(join(dir, "prog.bpf.c"), "utf8");
const build = summarize(compile({ files: { "prog.bpf.c": source }, main: "prog.bpf.c" }));
const bySlot = build.maps.find((m) => m.name === "by_slot");
const byId = build.maps.find((m) => m.name === "by_id");

describe("maps of maps in the build summary and the graph", () => {
  it("says what each holds and its static slots", () => {
    expect(bySlot?.holds).toMatchObject({ typeName: "array", keySize: 4, valueSize: 8, maxEntries: 4 });
    expect(bySlot?.innerMaps).toEqual([
      { key: "00000000", map: "counts_a" },
      { key: "02000000", map: "counts_b" },
    ]);
    expect(byId?.holds).toMatchObject({ typeName: "hash", valueSize: 4 });
  });

  it("offers only the maps of the inner map's shape", () => {
    if (!bySlot || !byId) throw new Error("maps missing");
    // `wider` has eight slots where the inner array has four; `seen` is a hash.
    expect(innerMapCandidates(build, bySlot)).toEqual(["counts_a", "counts_b", "counts_c"]);
    expect(innerMapCandidates(build, byId)).toEqual(["seen"]);
  });

  it("lists every slot of a small array of maps, empty ones too", () => {
    if (!bySlot) throw new Error("by_slot missing");
    const { rows } = innerMapRows(bySlot, bySlot.innerMaps);
    expect(rows.map((r) => [r.label, r.map])).toEqual([
      ["[0]", "counts_a"],
      ["[1]", null],
      ["[2]", "counts_b"],
    ]);
  });

  it("draws an edge from the map of maps to each map in it, at the run's end as the kernel left them", () => {
    const raw = JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8"));
    const parsed = parseScenario({ ...raw, files: { "prog.bpf.c": source } });
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const { scenario } = parsed;
    const result = simulate({
      files: scenario.files,
      main: parsed.main,
      cpus: scenario.cpus,
      entry: scenario.attach?.program,
      packets: scenario.packets,
      control: scenario.control,
    });
    if (!result.ok) throw new Error("the case does not load");
    const { report } = result;
    const { edges, nodes } = deriveGraph(build, 2, { report, cursor: { maps: report.maps, running: null } });
    const holds = edges.filter((e) => e.kind === "holds").map((e) => [e.target, e.label]);
    expect(holds).toEqual([
      ["map:counts_a", "[0]"],
      ["map:counts_c", "[1]"],
    ]);
    const bySlotNode = nodes.find((n) => n.id === "map:by_slot");
    expect(bySlotNode?.type).toBe("mapOfMaps");
    // An exported picture says the same as the node on screen.
    if (bySlotNode)
      expect(nodeLines(bySlotNode).lines).toEqual([
        "array_of_maps · max_entries 3",
        "[0] counts_a",
        "[1] counts_c",
        "[2] empty",
      ]);
  });
});
