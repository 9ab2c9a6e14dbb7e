import { Handle, type NodeProps, Position } from "@xyflow/react";
import type { ProgramNodeData } from "../../../state/derive/graph";
import { cpuColor } from "../cpu-colors";

export function ProgramNode({ data }: NodeProps & { data: ProgramNodeData }) {
  const { program } = data;
  return (
    <div
      className={`graph-node program-node${data.activeCpu !== null ? " active" : ""}`}
      data-testid={`program-node-${program.name}`}
      data-active={data.activeCpu !== null ? "true" : undefined}
      style={
        data.activeCpu !== null
          ? { borderColor: cpuColor(data.activeCpu), boxShadow: `0 0 0 3px ${cpuColor(data.activeCpu)}55` }
          : undefined
      }
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">
        {program.name}
        {program.isEntry && <span className="badge">entry</span>}
      </div>
      <div className="node-detail">
        SEC("{program.section}")
        {data.activeCpus.length > 0 && (
          <span className="running-tag" data-testid={`program-cpus-${program.name}`}>
            {" "}
            · CPU {data.activeCpus.join(", ")} here
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
