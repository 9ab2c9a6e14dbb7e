import { Handle, type NodeProps, Position } from "@xyflow/react";
import type { ProgArrayNodeData } from "../../../state/derive/graph";

/** A prog array with one row, and one outgoing handle, per slot. */
export function ProgArrayNode({ data }: NodeProps & { data: ProgArrayNodeData }) {
  const { map } = data;
  const slots = Array.from({ length: map.maxEntries }, (_, index) => ({
    index,
    program: map.slots.find((s) => s.index === index)?.program ?? null,
  }));
  return (
    <div className="graph-node prog-array-node" data-testid={`map-node-${map.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">{map.name}</div>
      <div className="node-detail">prog_array · max_entries {map.maxEntries}</div>
      <ol className="slot-list">
        {slots.map((slot) => (
          <li key={slot.index} className="slot-row" data-testid={`prog-slot-${map.name}-${slot.index}`}>
            <span className="slot-index">[{slot.index}]</span>
            <span className={slot.program ? "slot-program" : "slot-empty"}>{slot.program ?? "empty"}</span>
            <Handle id={`slot-${slot.index}`} type="source" position={Position.Right} isConnectable={false} />
          </li>
        ))}
      </ol>
    </div>
  );
}
