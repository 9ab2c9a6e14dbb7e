import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { CpuNodeData } from "../../../state/derive/graph";
import { cpuColor } from "../cpu-colors";
import { sameData } from "./same-data";

function CpuNodeView({ data }: NodeProps & { data: CpuNodeData }) {
  return (
    <div
      className="graph-node cpu-node"
      data-testid={`cpu-node-${data.cpu}`}
      style={{ borderColor: cpuColor(data.cpu) }}
    >
      <div className="node-title">
        <span className="cpu-swatch" style={{ background: cpuColor(data.cpu) }} aria-hidden="true" />
        CPU {data.cpu}
      </div>
      <div className="node-detail">
        {data.running
          ? `packet ${data.running.packet} · in ${data.running.program}`
          : data.entry
            ? `runs ${data.entry}`
            : "no entry program"}
      </div>
      {data.queued !== null && (
        <div className="node-detail" data-testid={`cpu-queue-${data.cpu}`}>
          queue: {data.queued} packet{data.queued === 1 ? "" : "s"}
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const CpuNode = memo(CpuNodeView, sameData);
