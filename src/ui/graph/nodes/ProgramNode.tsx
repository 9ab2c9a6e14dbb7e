import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { ProgramNodeData } from "../../../state/derive/graph";
import { lastEndText } from "../../../state/derive/run-facts";
import { cpuColor } from "../cpu-colors";
import { sameData } from "./same-data";

const failureWords: Readonly<Record<string, string>> = {
  "empty-slot": "the slot is empty",
  "out-of-range": "index past max_entries",
  limit: "33 tail calls made (the limit)",
};

/** How the last packet that ended here did, by the cursor: returned, or stopped by a fault. */
function LastEnd({ data }: { data: ProgramNodeData }) {
  const end = data.lastEnd;
  if (!end) return null;
  const how = end.fault === null ? `returned ${end.retval}` : `was stopped by a fault: ${end.fault}`;
  return (
    <div
      className={end.fault === null ? "node-line" : "node-line node-fault"}
      data-testid={`program-return-${data.program.name}`}
      title={`The last packet that ended here by the cursor: packet ${end.packet}, which ${how}`}
    >
      {lastEndText(end)}
    </div>
  );
}

/** The program's state at the cursor: who runs it now, and how the last packet here ended. */
function Status({ data }: { data: ProgramNodeData }) {
  if (data.checkedOnly)
    return (
      <div
        className="node-line"
        data-testid={`checked-only-${data.program.name}`}
        title={`Tailscope compiles, loads and verifies ${data.program.type} programs, and shows their tail calls; it runs packets through socket, tc, xdp and cgroup_skb programs`}
      >
        checked, not run
      </div>
    );
  if (data.unreached)
    return (
      <div
        className="node-line"
        data-testid={`unreached-${data.program.name}`}
        title="No packet entering the attached program reaches this program through the prog-array slots at the cursor"
      >
        not reached
      </div>
    );
  if (data.activeCpus.length === 0 && !data.lastEnd) return <div className="node-line">not run yet</div>;
  return (
    <>
      {data.activeCpus.length > 0 && (
        <div className="node-line running-tag" data-testid={`program-cpus-${data.program.name}`}>
          CPU {data.activeCpus.join(", ")} here
        </div>
      )}
      <LastEnd data={data} />
    </>
  );
}

/** Why the followed packet's tail call from here fell through, over two lines. */
function Failure({ data }: { data: ProgramNodeData }) {
  const failed = data.failedTailCall;
  if (data.program.refused)
    return (
      <div
        className="tail-call-failed"
        role="status"
        data-testid={`refused-${data.program.name}`}
        title={data.program.refused}
      >
        refused by the verifier
      </div>
    );
  if (!failed) return null;
  const why = failureWords[failed.outcome] ?? failed.outcome;
  return (
    <div role="status" data-testid={`tail-call-failure-${data.program.name}`}>
      <div className="tail-call-failed">
        tail call {failed.map}[{failed.key}]
      </div>
      <div className="tail-call-failed tail-call-why">
        <span className="sr-only">{" fell through: "}</span>
        {why}
      </div>
    </div>
  );
}

function ProgramNodeView({ data }: NodeProps & { data: ProgramNodeData }) {
  const { program } = data;
  const active = data.activeCpu !== null ? cpuColor(data.activeCpu) : null;
  return (
    <div
      className={`graph-node program-node${active ? " active" : ""}${data.unreached ? " unreached" : ""}${program.refused ? " refused" : ""}${data.spotlight ? " spotlight" : ""}`}
      data-testid={`program-node-${program.name}`}
      data-entry={data.isEntry ? "true" : undefined}
      data-active={active ? "true" : undefined}
      style={active ? { borderColor: active, boxShadow: `0 0 0 4px ${active}66` } : undefined}
    >
      <Handle id="attach" type="target" position={Position.Top} isConnectable={false} />
      <Handle id="in" type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">
        <span className="node-line" style={{ color: "inherit" }}>
          {program.name}
        </span>
        {data.isEntry && (
          <span className="badge" data-testid="entry-badge">
            entry
          </span>
        )}
      </div>
      <div
        className="node-detail"
        title={`SEC("${program.section}")${program.implements ? ` implements ${program.implements}` : ""}`}
      >
        {program.implements ? `as ${program.implements.split(".")[1]}` : program.section}
      </div>
      {data.failedTailCall || program.refused ? <Failure data={data} /> : <Status data={data} />}
      <Handle id="out" type="source" position={Position.Right} isConnectable={false} />
      <Handle id="maps" type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

export const ProgramNode = memo(ProgramNodeView, sameData);
