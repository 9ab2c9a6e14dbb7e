import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { ProgramNodeData } from "../../../state/derive/graph";
import { cpuColor } from "../cpu-colors";
import { sameData } from "./same-data";

const failureWords: Readonly<Record<string, string>> = {
  "empty-slot": "the slot is empty",
  "out-of-range": "index past max_entries",
  limit: "33 tail calls already made (the limit)",
};

function ProgramNodeView({ data }: NodeProps & { data: ProgramNodeData }) {
  const { program } = data;
  return (
    <div
      className={`graph-node program-node${data.activeCpu !== null ? " active" : ""}${data.unreached ? " unreached" : ""}${program.refused ? " refused" : ""}`}
      data-testid={`program-node-${program.name}`}
      data-entry={data.isEntry ? "true" : undefined}
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
        {data.isEntry && (
          <span className="badge" data-testid="entry-badge">
            entry
          </span>
        )}
        {data.unreached && (
          <span
            className="badge badge-quiet"
            data-testid={`unreached-${program.name}`}
            title="No packet entering the attached program reaches this program through the prog-array slots at the cursor"
          >
            not reached
          </span>
        )}
      </div>
      {program.refused && (
        <div
          className="tail-call-failed"
          role="status"
          data-testid={`refused-${program.name}`}
          title={program.refused}
        >
          refused by the verifier: see Problems
        </div>
      )}
      <div className="node-detail">
        SEC("{program.section}")
        {data.activeCpus.length > 0 && (
          <span className="running-tag" data-testid={`program-cpus-${program.name}`}>
            {" "}
            · CPU {data.activeCpus.join(", ")} here
          </span>
        )}
      </div>
      {data.lastReturn && (
        <div className="node-detail" data-testid={`program-return-${program.name}`}>
          last run: packet {data.lastReturn.packet} returned {data.lastReturn.retval}
        </div>
      )}
      {data.failedTailCall && (
        <div className="tail-call-failed" role="status" data-testid={`tail-call-failure-${program.name}`}>
          tail call {data.failedTailCall.map}[{data.failedTailCall.key}] fell through:{" "}
          {failureWords[data.failedTailCall.outcome] ?? data.failedTailCall.outcome}
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const ProgramNode = memo(ProgramNodeView, sameData);
