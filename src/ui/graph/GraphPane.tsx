import { Background, Controls, type Edge, MarkerType, MiniMap, type Node, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo, useRef } from "react";
import type { StateView } from "../../engine";
import { deriveGraph, type GraphEdge, programNodeId } from "../../state/derive/graph";
import { runFacts } from "../../state/derive/run-facts";
import { useTailscope } from "../../state/store";
import { Timeline } from "../timeline/Timeline";
import { cpuColor } from "./cpu-colors";
import { HopEdge } from "./HopEdge";
import { LabelledEdge } from "./LabelledEdge";
import { CpuNode } from "./nodes/CpuNode";
import { MapNode } from "./nodes/MapNode";
import { ProgArrayNode } from "./nodes/ProgArrayNode";
import { ProgramNode } from "./nodes/ProgramNode";

// Defined once, outside render, as React Flow requires for stable node and edge types.
const nodeTypes = { cpu: CpuNode, program: ProgramNode, progArray: ProgArrayNode, map: MapNode };
const edgeTypes = { hop: HopEdge, labelled: LabelledEdge };

/** The followed packet's hop on the last move: a jumped tail call it did not have before. */
function hopOf(
  view: StateView | null,
  previous: StateView | null,
): { from: string; to: string; cpu: number; key: string } | null {
  const running = view?.running;
  const last = running?.tailCalls.at(-1);
  if (!running || !last || last.outcome !== "jumped" || !last.to) return null;
  const before = previous?.cpus.find((p) => p.packet === running.packet);
  if ((before?.tailCalls.length ?? 0) >= running.tailCalls.length) return null;
  return {
    from: last.from,
    to: last.to,
    cpu: running.cpu,
    key: `${running.packet}:${running.tailCalls.length}`,
  };
}

const edgeStyles: Record<GraphEdge["kind"], Partial<Edge>> = {
  attach: { style: { strokeDasharray: "4 3" } },
  slot: { markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeWidth: 2 } },
  "tail-call": { markerEnd: { type: MarkerType.ArrowClosed }, animated: true },
  uses: { style: { strokeDasharray: "2 4", opacity: 0.7 } },
};

function toFlowEdge(edge: GraphEdge): Edge {
  return {
    ...edgeStyles[edge.kind],
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle,
    label: edge.label,
    ...(edge.label ? { type: "labelled" } : {}),
  };
}

/** The object graph: CPUs, programs, the prog array and maps, derived from the build. */
export function GraphPane() {
  const theme = useTailscope((s) => s.theme);
  const build = useTailscope((s) => s.build);
  const cpus = useTailscope((s) => s.cpus);
  const run = useTailscope((s) => s.run);
  const report = run && "report" in run ? run.report : null;
  const cursor = useTailscope((s) => s.cursor);
  const view = cursor ? cursor.state : null;
  // The view before the last move, so a cell that move wrote shows old → new.
  const previousView = useRef<typeof view>(null);
  const shownView = useRef<typeof view>(null);
  if (shownView.current !== view) {
    previousView.current = shownView.current;
    shownView.current = view;
  }
  const previous = previousView.current;
  const timeline = useTailscope((s) => s.session?.timeline ?? null);
  const facts = useMemo(
    () => runFacts(timeline, report?.packets ?? null, view?.step ?? 0, cpus),
    [timeline, report, view, cpus],
  );
  const graph = useMemo(
    () => deriveGraph(build, cpus, report, view, previous, facts),
    [build, cpus, report, view, previous, facts],
  );
  const nodes = graph.nodes as Node[];
  const hop = hopOf(view, previous);
  // The same edges keep the same objects, so React Flow does not measure their labels again.
  const edgeKey = JSON.stringify(graph.edges);
  // edgeKey stands for graph.edges' content.
  const baseEdges = useMemo(() => graph.edges.map(toFlowEdge), [edgeKey]);
  const edges = useMemo(() => {
    const flow = [...baseEdges];
    if (!hop) return flow;
    // Drawn over the laid-out graph; the layout never sees it.
    flow.push({
      id: `hop:${hop.key}`,
      type: "hop",
      source: programNodeId(hop.from),
      target: programNodeId(hop.to),
      data: { color: cpuColor(hop.cpu), cpu: hop.cpu },
      zIndex: 10,
    });
    return flow;
  }, [baseEdges, hop?.key, hop?.from, hop?.to, hop?.cpu]);
  const message = !build
    ? "Building…"
    : build.loaded
      ? null
      : "The graph appears once the source builds and loads.";
  return (
    <section className="pane graph-pane" data-testid="graph" aria-label="Program graph">
      <ReactFlow
        key={nodes.map((n) => n.id).join("|")}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        fitView
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Graph overview"
          position="top-right"
          style={{ width: 140, height: 90 }}
        />
        <Controls />
      </ReactFlow>
      {message && (
        <p className="graph-empty" role="status">
          {message}
        </p>
      )}
      <Timeline />
    </section>
  );
}
