import { Handle, type NodeProps, Position } from "@xyflow/react";
import type { ProgramNodeData } from "../../../state/derive/graph";

export function ProgramNode({ data }: NodeProps & { data: ProgramNodeData }) {
  const { program } = data;
  return (
    <div className="graph-node program-node" data-testid={`program-node-${program.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">
        {program.name}
        {program.isEntry && <span className="badge">entry</span>}
      </div>
      <div className="node-detail">SEC("{program.section}")</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
