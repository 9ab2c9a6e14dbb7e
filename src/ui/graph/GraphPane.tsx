import { Background, Controls, type Edge, MiniMap, type Node, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useTailscope } from "../../state/store";

const noNodes: Node[] = [];
const noEdges: Edge[] = [];

/** The object graph: CPUs, programs, the prog array and maps, derived from the build. */
export function GraphPane() {
  const theme = useTailscope((s) => s.theme);
  return (
    <section className="pane graph-pane" data-testid="graph" aria-label="Program graph">
      <ReactFlow
        nodes={noNodes}
        edges={noEdges}
        colorMode={theme}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <MiniMap pannable zoomable ariaLabel="Graph overview" />
        <Controls />
      </ReactFlow>
      {noNodes.length === 0 && (
        <p className="graph-empty" role="status">
          The graph appears once the source builds.
        </p>
      )}
    </section>
  );
}
