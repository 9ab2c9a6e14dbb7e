import { Handle, type NodeProps, Position } from "@xyflow/react";
import { type CSSProperties, memo } from "react";
import type { CpuChip, CpusNodeData } from "../../../state/derive/graph";
import { CPU_CHIP } from "../../../state/derive/graph-metrics";
import { cpuColor } from "../cpu-colors";
import { sameData } from "./same-data";

function queueText(queued: number): string {
  return `queue: ${queued} packet${queued === 1 ? "" : "s"}`;
}

/** What a CPU is doing, in words. */
function doing(chip: CpuChip, data: CpusNodeData): string {
  if (chip.running) return `packet ${chip.running.packet} · in ${chip.running.program}`;
  return entryText(data);
}

/** What the CPUs run: the entry, or that it is only checked. */
function entryText(data: CpusNodeData): string {
  if (!data.entry) return "no entry program";
  return data.entryRuns ? `runs ${data.entry}` : `${data.entry}: checked, not run`;
}

interface ChipProps {
  readonly chip: CpuChip;
  readonly data: CpusNodeData;
}

/** A CPU's card (few CPUs): its name and queue, and what it runs. */
function CpuCard({ chip, data }: ChipProps) {
  return (
    <>
      <div className="cpu-chip-head">
        <span>
          <span className="cpu-swatch" style={{ background: cpuColor(chip.cpu) }} aria-hidden="true" /> CPU{" "}
          {chip.cpu}
        </span>
        {chip.queued !== null && (
          <span className="node-line cpu-queue" data-testid={`cpu-queue-${chip.cpu}`}>
            {queueText(chip.queued)}
          </span>
        )}
      </div>
      <div className="node-line">{doing(chip, data)}</div>
    </>
  );
}

function chipStyle(chip: CpuChip, data: CpusNodeData, index: number, perRow: number): CSSProperties {
  const size = CPU_CHIP[data.density];
  return {
    width: size.width,
    height: size.height,
    marginRight: (index + 1) % perRow === 0 ? 0 : size.gap,
    marginTop: index >= perRow ? size.gap : 0,
    borderColor: cpuColor(chip.cpu),
    ["--chip" as string]: cpuColor(chip.cpu),
  };
}

/** The line over the squares: the followed CPU in full, or in short when the strip is narrow. */
function followedLine(data: CpusNodeData, followed: CpuChip | null): string {
  const narrow = data.perRow < 8;
  if (!followed)
    return narrow
      ? `${data.chips.length} CPUs`
      : `${data.chips.length} CPUs · ${data.entry && data.entryRuns ? `each runs ${data.entry}` : entryText(data)}`;
  if (narrow) return `CPU ${followed.cpu}: ${followed.running?.program ?? "idle"}`;
  // The queue too when the strip is wide enough to say it all (16 squares a row).
  const queue = followed.queued !== null && data.perRow >= 16 ? ` · ${queueText(followed.queued)}` : "";
  return `CPU ${followed.cpu}: ${doing(followed, data)}${queue}`;
}

/**
 * Every CPU, in one node: a card each for one or two CPUs, a numbered square each beyond, the
 * followed CPU spelled out above the squares. Colour always comes with the CPU's number.
 */
function CpusNodeView({ data }: NodeProps & { data: CpusNodeData }) {
  const perRow = data.perRow;
  const followed = data.chips.find((c) => c.cpu === data.followed) ?? null;
  return (
    <div className="graph-node cpus-node" data-testid="cpus-node" role="group" aria-label="CPUs">
      {data.density !== "cards" && (
        <div className="cpu-followed" data-testid="cpu-followed">
          {followedLine(data, followed)}
        </div>
      )}
      <div className="cpu-chips">
        {data.chips.map((chip, index) => (
          <div
            key={chip.cpu}
            className={`cpu-chip cpu-chip-${data.density === "cards" ? "card" : "square"}${chip.running ? " busy" : ""}${chip.cpu === data.followed ? " followed" : ""}`}
            data-testid={`cpu-node-${chip.cpu}`}
            title={`CPU ${chip.cpu}: ${doing(chip, data)}${chip.queued !== null ? ` · ${queueText(chip.queued)}` : ""}`}
            style={chipStyle(chip, data, index, perRow)}
          >
            {data.density === "cards" ? (
              <CpuCard chip={chip} data={data} />
            ) : (
              <>
                {chip.cpu}
                <span className="sr-only">
                  : CPU {chip.cpu} {doing(chip, data)}
                </span>
              </>
            )}
          </div>
        ))}
      </div>
      <Handle
        type="source"
        position={data.placement === "beside" ? Position.Right : Position.Bottom}
        isConnectable={false}
      />
    </div>
  );
}

export const CpusNode = memo(CpusNodeView, sameData);
