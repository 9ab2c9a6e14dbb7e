import {
  Background,
  Controls,
  type Edge,
  MarkerType,
  type Node,
  type NodeChange,
  ReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./graph.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  deriveGraph,
  type GraphEdge,
  type GraphNode,
  nodeSize,
  programNodeId,
} from "../../state/derive/graph";
import { hopsOnMove } from "../../state/derive/hop";
import { runFacts } from "../../state/derive/run-facts";
import { currentStop } from "../../state/derive/tour";
import { useTailscope } from "../../state/store";
import { Timeline } from "../timeline/Timeline";
import { cpuColor } from "./cpu-colors";
import { FitOnChange } from "./FitOnChange";
import { HopEdge } from "./HopEdge";
import { HopToken } from "./HopToken";
import { CpusNode } from "./nodes/CpusNode";
import { JunctionNode, SpacerNode } from "./nodes/JunctionNode";
import { MapNode } from "./nodes/MapNode";
import { MapOfMapsNode } from "./nodes/MapOfMapsNode";
import { ProgArrayNode } from "./nodes/ProgArrayNode";
import { ProgramNode } from "./nodes/ProgramNode";

// Defined once, outside render, as React Flow requires for stable node and edge types.
const nodeTypes = {
  cpus: CpusNode,
  program: ProgramNode,
  progArray: ProgArrayNode,
  map: MapNode,
  mapOfMaps: MapOfMapsNode,
  junction: JunctionNode,
  spacer: SpacerNode,
};
const edgeTypes = { hop: HopEdge, token: HopToken };

const edgeStyles: Record<GraphEdge["kind"], Partial<Edge>> = {
  attach: { targetHandle: "attach", style: { strokeDasharray: "4 3", strokeWidth: 1.5 } },
  // Solid and strong: the hops are the story. Not animated: a marching dash repaints the edges
  // on every frame, forever, and the hop token already shows each tail call moving.
  hop: { type: "hop", markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeWidth: 2.5 } },
  uses: { style: { strokeDasharray: "2 4", opacity: 0.6 } },
  // A map of maps to the maps in its slots, labelled with the slots.
  holds: {
    type: "smoothstep",
    pathOptions: { offset: 28, borderRadius: 10 },
    markerEnd: { type: MarkerType.ArrowClosed },
    style: { strokeWidth: 1.5 },
  } as Partial<Edge>,
};

function toFlowEdge(edge: GraphEdge): Edge {
  const hop = edge.kind === "hop";
  return {
    ...edgeStyles[edge.kind],
    ...(edge.joins ? { markerEnd: undefined } : {}),
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? (hop && edge.source.startsWith("program:") ? "out" : undefined),
    ...(hop && edge.target.startsWith("program:") ? { targetHandle: "in" } : {}),
    ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
    label: edge.label,
    // The path a packet in flight took so far, in its CPU's colour.
    ...(edge.trail !== undefined
      ? {
          style: { ...edgeStyles.hop.style, stroke: cpuColor(edge.trail), strokeWidth: 4 },
          className: "hop-trail",
        }
      : {}),
  };
}

/** A derived node as React Flow takes it, at the size the layout gave it. */
function toFlowNode(node: GraphNode): Node {
  const { width, height } = nodeSize(node);
  const decorative = node.type === "junction" || node.type === "spacer";
  return { ...node, width, height, focusable: !decorative, selectable: !decorative } as Node;
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

/**
 * Little padding, the pane is small at 1280×800 and every pixel of zoom is text size; on the
 * left, room for the zoom buttons, so that no node is ever under them.
 */
const FIT = {
  padding: { top: "6px", right: "8px", bottom: "6px", left: "48px" },
  maxZoom: 2,
} as const;

/** How long the hop token travels: at 4 steps a second, 0.6 s; faster play, a quicker token. */
function tokenSeconds(stepsPerSecond: number): number {
  return Math.min(0.9, Math.max(0.15, 2.4 / Math.max(1, stepsPerSecond)));
}

/** What decides the picture's frame: the nodes and their sizes (not what they show). */
function shapeKey(nodes: readonly GraphNode[]): string {
  return nodes.map((n) => `${n.id}@${n.position.x},${n.position.y}:${JSON.stringify(nodeSize(n))}`).join("|");
}

/**
 * The graph area's width over its height (the pane less the timeline), in steps of a tenth so
 * that small resizes do not lay the graph out again.
 */
function usePaneAspect(): [React.RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [aspect, setAspect] = useState(1.8);
  useEffect(() => {
    const pane = ref.current;
    if (!pane) return;
    const observer = new ResizeObserver(() => {
      const flow = pane.querySelector(".react-flow");
      const box = (flow ?? pane).getBoundingClientRect();
      if (box.width > 0 && box.height > 0) setAspect(Math.round((box.width / box.height) * 10) / 10);
    });
    observer.observe(pane);
    const flow = pane.querySelector(".react-flow");
    if (flow) observer.observe(flow);
    return () => observer.disconnect();
  }, []);
  return [ref, aspect];
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
  const [paneRef, aspect] = usePaneAspect();
  const spotlight = useTailscope((s) => currentStop(s)?.spotlight);
  const graph = useMemo(
    () => deriveGraph(build, cpus, { report, cursor: view, previous, facts, attach, aspect, spotlight }),
    [build, cpus, report, view, previous, facts, attach, aspect, spotlight],
  );
  const [measured, onNodesChange] = useMeasuredSizes();
  const flowNodes = useMemo(() => graph.nodes.map(toFlowNode), [graph]);
  const nodes = useStableNodes(flowNodes, measured);
  const hops = hopsOnMove(view, previous);
  const hopsKey = hops.map((h) => `${h.key}@${h.cpu}:${h.from}>${h.to}`).join("|");
  const speed = useTailscope((s) => s.speed);
  // The same edges keep the same objects, so React Flow does not measure their labels again.
  const edgeKey = JSON.stringify(graph.edges);
  // edgeKey stands for graph.edges' content.
  const baseEdges = useMemo(() => graph.edges.map(toFlowEdge), [edgeKey]);
  const edges = useMemo(() => {
    const flow = [...baseEdges];
    // Drawn over the laid-out graph; the layout never sees them. One token per CPU that hopped.
    for (const hop of hops)
      flow.push({
        id: `token:${hop.key}`,
        type: "token",
        source: programNodeId(hop.from),
        sourceHandle: "out",
        target: programNodeId(hop.to),
        targetHandle: "in",
        data: { color: cpuColor(hop.cpu), cpu: hop.cpu, seconds: tokenSeconds(speed) },
        zIndex: 10,
      });
    return flow;
    // hopsKey stands for the hops' content.
  }, [baseEdges, hopsKey, speed]);
  const message = !build
    ? latest
      ? "The graph appears once the source builds and loads."
      : "Building…"
    : stale
      ? "The source does not build now: this is the last build that did."
      : null;
  return (
    <section
      ref={paneRef}
      className={stale ? "pane graph-pane graph-stale" : "pane graph-pane"}
      data-testid="graph"
      data-stale={stale}
      aria-label="Program graph"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={2}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls fitViewOptions={FIT} />
        <FitOnChange shape={shapeKey(graph.nodes)} options={FIT} />
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
