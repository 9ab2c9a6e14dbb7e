import { Handle, Position } from "@xyflow/react";
import { memo } from "react";

/** Where hops from several programs meet before fanning out to the same programs (no crossing). */
function JunctionNodeView() {
  return (
    <div className="junction-node" aria-hidden="true">
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const JunctionNode = memo(JunctionNodeView);

/** Nothing to see: room kept for a self hop's loop (graph-types.ts). */
function SpacerNodeView() {
  return <div aria-hidden="true" />;
}

export const SpacerNode = memo(SpacerNodeView);
