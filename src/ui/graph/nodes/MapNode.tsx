import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { MapSummary } from "../../../engine";
import { decodeField, type MapNodeData } from "../../../state/derive/graph";
import { cpuColor } from "../cpu-colors";
import { sameData } from "./same-data";

/**
 * A cell's fields decoded from its bytes (before any run every value is zero, as the kernel
 * creates it); a field the last move changed also shows what it was.
 */
function Fields({ map, hex, before }: { map: MapSummary; hex: string | undefined; before: string | null }) {
  if (!map.valueFields)
    return (
      <code className="cell-hex">
        {hex ?? "00".repeat(map.valueSize)}
        {before !== null && <span className="cell-old"> (was {before})</span>}
      </code>
    );
  return (
    <div className="cell-fields">
      {map.valueFields.map((field) => {
        const now = decodeField(hex, field.offset, field.size, field.signed);
        const old = before === null ? null : decodeField(before, field.offset, field.size, field.signed);
        return (
          <div key={field.name || "value"} className="cell-field">
            {field.name || "value"} = <span className="cell-value">{now}</span>
            {old !== null && old !== now && <span className="cell-old"> (was {old})</span>}
          </div>
        );
      })}
    </div>
  );
}

function keyHex(key: number, size: number): string {
  let hex = "";
  for (let i = 0; i < size; i++) hex += ((key >>> (8 * i)) & 0xff).toString(16).padStart(2, "0");
  return hex;
}

/** A data map; a per-CPU map shows one cell per CPU for key 0, labelled and coloured by CPU. */
function MapNodeView({ data }: NodeProps & { data: MapNodeData }) {
  const { map, cpus, values, before } = data;
  const keys = Array.from({ length: Math.min(map.maxEntries, map.perCpu ? 1 : 4) }, (_, k) => k);
  return (
    <div className="graph-node map-node" data-testid={`map-node-${map.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">{map.name}</div>
      <div className="node-detail">
        {map.typeName} · key {map.keySize} B · value {map.valueSize} B · max {map.maxEntries}
      </div>
      {map.perCpu
        ? keys.flatMap((key) =>
            Array.from({ length: cpus }, (_, cpu) => (
              <div
                // A new key after a write restarts the flash animation.
                key={`${key}-${cpu}-${before[keyHex(key, map.keySize)]?.[cpu] ?? ""}`}
                className={before[keyHex(key, map.keySize)]?.[cpu] != null ? "map-cell written" : "map-cell"}
                data-testid={`percpu-cell-${map.name}-${key}-${cpu}`}
              >
                <span className="cell-label" style={{ borderColor: cpuColor(cpu) }}>
                  CPU {cpu} · key {key}
                </span>
                <Fields
                  map={map}
                  hex={values[keyHex(key, map.keySize)]?.[cpu]}
                  before={before[keyHex(key, map.keySize)]?.[cpu] ?? null}
                />
              </div>
            )),
          )
        : keys.map((key) => (
            <div
              key={`${key}-${before[keyHex(key, map.keySize)]?.[0] ?? ""}`}
              className={before[keyHex(key, map.keySize)]?.[0] != null ? "map-cell written" : "map-cell"}
              data-testid={`map-cell-${map.name}-${key}`}
            >
              <span className="cell-label">key {key}</span>
              <Fields
                map={map}
                hex={values[keyHex(key, map.keySize)]?.[0]}
                before={before[keyHex(key, map.keySize)]?.[0] ?? null}
              />
            </div>
          ))}
    </div>
  );
}

export const MapNode = memo(MapNodeView, sameData);
