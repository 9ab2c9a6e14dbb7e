import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { MapOfMapsNodeData } from "../../../state/derive/graph";
import { useTailscope } from "../../../state/store";
import { sameData } from "./same-data";

/**
 * A map of maps as a slot table, like a prog array's: a row per slot with the map it holds, and
 * an edge to each map held. A slot's map can be changed (or the slot cleared) from here, to any
 * map of the inner map's shape: a control-plane update from the next packet on.
 */
function MapOfMapsNodeView({ data }: NodeProps & { data: MapOfMapsNodeData }) {
  const { map, rows, more, candidates } = data;
  const holds = map.holds;
  // The inner map's shape, said in the node's tooltip.
  return (
    <div
      className={`graph-node prog-array-node map-of-maps-node${data.spotlight ? " spotlight" : ""}`}
      data-testid={`map-node-${map.name}`}
    >
      <Handle id="top" type="target" position={Position.Top} isConnectable={false} />
      <Handle id="side" type="target" position={Position.Left} isConnectable={false} />
      <Handle id="holds" type="source" position={Position.Right} isConnectable={false} />
      <Handle id="holds-left" type="source" position={Position.Left} isConnectable={false} />
      <div className="node-title">{map.name}</div>
      <div
        className="node-line"
        title={
          holds
            ? `holds ${holds.typeName} maps, key ${holds.keySize} B, value ${holds.valueSize} B`
            : undefined
        }
      >
        {map.typeName} · max {map.maxEntries}
      </div>
      <ol className="slot-list">
        {rows.map((row) => (
          <li key={row.key} className="slot-row" data-testid={`inner-slot-${map.name}-${row.key}`}>
            <span className="slot-index">
              {map.typeName === "array_of_maps" ? row.label : `${row.label} →`}
            </span>
            {/* nodrag/nopan/nokey: React Flow leaves the select's clicks and keys alone. */}
            <select
              className={`slot-select nodrag nopan nokey ${row.map ? "slot-program" : "slot-empty"}`}
              data-testid={`inner-select-${map.name}-${row.key}`}
              aria-label={`Slot ${row.label} of ${map.name}, from the next packet`}
              value={row.map ?? ""}
              onChange={(e) =>
                useTailscope.getState().setInnerMapLive(map.name, row.key, e.target.value || null)
              }
            >
              <option value="">empty</option>
              {candidates.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </li>
        ))}
        {more > 0 ? <li className="slot-row slot-more">{more} more maps</li> : null}
      </ol>
    </div>
  );
}

export const MapOfMapsNode = memo(MapOfMapsNodeView, sameData);
