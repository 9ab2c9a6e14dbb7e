import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, summarize } from "../../src/engine";
import { deriveGraph, nodeSize } from "../../src/state/derive/graph";
import { graphToSvg } from "../../src/ui/share/graph-svg";

const palette = {
  background: "#fff",
  surface: "#fff",
  text: "#111",
  muted: "#555",
  border: "#ccc",
  accent: "#14d",
};

function seedGraph(cpus: number) {
  const dir = join(import.meta.dirname, "../../src/lessons/01-seed-fixed");
  const files = Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
  return deriveGraph(summarize(compile({ files, main: "programs.bpf.c" })), cpus);
}

describe("the graph as SVG", () => {
  it("draws every node and edge, framed to the whole graph, in tens of KB", () => {
    for (const cpus of [2, 16]) {
      const graph = seedGraph(cpus);
      const svg = graphToSvg(graph, palette);
      for (const edge of graph.edges) expect(svg).toContain(`data-edge="${edge.id}"`);
      for (const node of graph.nodes) expect(svg).toContain(`data-node="${node.id}"`);
      expect(svg.length).toBeLessThan(cpus === 2 ? 20_000 : 60_000);
      const [, , , width, height] = (/viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg) ?? []).map(
        Number,
      );
      const right = Math.max(...graph.nodes.map((n) => n.position.x + nodeSize(n).width));
      expect(width).toBeGreaterThanOrEqual(right - Math.min(...graph.nodes.map((n) => n.position.x)));
      expect(height).toBeGreaterThan(0);
    }
  });

  it("escapes text that would break the markup", () => {
    const graph = seedGraph(1);
    const svg = graphToSvg(graph, { ...palette, text: "#111" });
    expect(svg).toContain("SEC(&#34;cgroup_skb/egress&#34;)");
    expect(svg).not.toMatch(/SEC\("/);
  });
});
