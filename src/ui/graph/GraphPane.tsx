import {
  Background,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  type Node,
  type NodeChange,
  ReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useMemo, useRef } from "react";
import { deriveGraph, type GraphEdge, programNodeId } from "../../state/derive/graph";
import { hopOnMove } from "../../state/derive/hop";
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

const edgeStyles: Record<GraphEdge["kind"], Partial<Edge>> = {
  attach: { style: { strokeDasharray: "4 3" } },
  slot: { markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeWidth: 2 } },
  // Dashed, not animated: a marching dash repaints the edges on every frame, forever, and the
  // hop token already shows each tail call moving.
  "tail-call": { markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeDasharray: "6 4" } },
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

type Measured = { readonly width: number; readonly height: number };

function withMeasured(node: Node, measured: Measured | undefined): Node {
  return measured ? { ...node, measured } : node;
}

/** The sizes React Flow measured, by node id, kept as it reports them. */
function useMeasuredSizes(): [ReadonlyMap<string, Measured>, (changes: NodeChange[]) => void] {
  const sizes = useRef(new Map<string, Measured>());
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    for (const change of changes)
      if (change.type === "dimensions" && change.dimensions) sizes.current.set(change.id, change.dimensions);
  }, []);
  return [sizes.current, onNodesChange];
}

/**
 * The derived nodes, keeping last move's object for every node whose content is unchanged.
 * React Flow then skips those nodes entirely (no wrapper render, no style writes, no minimap
 * redraw for them); on a step most nodes are unchanged, and with 16 CPUs playing at full speed
 * the saved style and layout work is what keeps the frame rate up.
 */
function useStableNodes(derived: Node[], measured: ReadonlyMap<string, Measured>): Node[] {
  const shown = useRef({ byId: new Map<string, { key: string; node: Node }>(), nodes: [] as Node[] });
  return useMemo(() => {
    const byId = new Map<string, { key: string; node: Node }>();
    let unchanged = derived.length === shown.current.nodes.length;
    const nodes = derived.map((node, i) => {
      const key = JSON.stringify([node.type, node.position, node.data]);
      const kept = shown.current.byId.get(node.id);
      // A changed node carries its last measured size: without it React Flow forgets the
      // node's size and handles, hides its edges, and measures it again.
      const entry =
        kept && kept.key === key ? kept : { key, node: withMeasured(node, measured.get(node.id)) };
      byId.set(node.id, entry);
      if (entry.node !== shown.current.nodes[i]) unchanged = false;
      return entry.node;
    });
    // Nothing changed (a step inside one program): the same array, so React Flow does no work.
    if (!unchanged) shown.current = { byId, nodes };
    return shown.current.nodes;
  }, [derived]);
}

/** Overview colours: CPUs in their own colour, programs and the prog array apart from maps. */
function minimapColor(node: Node): string {
  if (node.type === "cpu") return cpuColor((node.data as { cpu: number }).cpu);
  if (node.type === "program") return "#6366f1";
  if (node.type === "progArray") return "#a855f7";
  return "#94a3b8";
}

/** The object graph: CPUs, programs, the prog array and maps, derived from the build. */
export function GraphPane() {
  const theme = useTailscope((s) => s.theme);
  const latest = useTailscope((s) => s.build);
  const lastLoaded = useTailscope((s) => s.lastLoadedBuild);
  // While the source does not build, the last build that did stays on show, greyed.
  const build = latest?.loaded ? latest : lastLoaded;
  const stale = build !== null && build !== latest;
  const cpus = useTailscope((s) => s.cpus);
  const run = useTailscope((s) => s.run);
  const report = run && "report" in run ? run.report : null;
  const view = useTailscope((s) => s.cursor?.state ?? null);
  // The view before the last move, so a cell that move wrote shows old → new.
  const previous = useTailscope((s) => s.previousCursor?.state ?? null);
  const timeline = useTailscope((s) => s.session?.timeline ?? null);
  const facts = useMemo(
    () => runFacts(timeline, report?.packets ?? null, view?.step ?? 0, cpus),
    [timeline, report, view, cpus],
  );
  const attach = useTailscope((s) => s.attach?.program ?? null);
  const graph = useMemo(
    () => deriveGraph(build, cpus, { report, cursor: view, previous, facts, attach }),
    [build, cpus, report, view, previous, facts, attach],
  );
  const [measured, onNodesChange] = useMeasuredSizes();
  const nodes = useStableNodes(graph.nodes as Node[], measured);
  const hop = hopOnMove(view, previous);
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
    ? latest
      ? "The graph appears once the source builds and loads."
      : "Building…"
    : stale
      ? "The source does not build now: this is the last build that did."
      : null;
  return (
    <section
      className={stale ? "pane graph-pane graph-stale" : "pane graph-pane"}
      data-testid="graph"
      data-stale={stale}
      aria-label="Program graph"
    >
      <ReactFlow
        key={nodes.map((n) => n.id).join("|")}
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
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
          nodeColor={minimapColor}
          nodeBorderRadius={3}
        />
        <Controls />
      </ReactFlow>
      {message && (
        <p className={stale ? "graph-note" : "graph-empty"} role="status" data-testid="graph-message">
          {message}
        </p>
      )}
      <Timeline />
    </section>
  );
}
