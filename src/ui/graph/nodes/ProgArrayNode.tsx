import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ProgArrayNodeData } from "../../../state/derive/graph";
import { slotRows } from "../../../state/derive/graph-metrics";
import { useTailscope } from "../../../state/store";
import { sameData } from "./same-data";

/**
 * A prog array as a slot table: a row per slot with the program it holds. The hops between
 * programs are drawn program to program, labelled with their slot, so the table needs no edges.
 * Each slot's program can be changed (or the slot cleared) from here: a control-plane update
 * from the next packet on.
 */
function ProgArrayNodeView({ data }: NodeProps & { data: ProgArrayNodeData }) {
  const { map, programs } = data;
  const slots = slotRows(map.maxEntries, data.slots);
  return (
    <div
      className={`graph-node prog-array-node${data.spotlight ? " spotlight" : ""}`}
      data-testid={`map-node-${map.name}`}
    >
      <div className="node-title">{map.name}</div>
      <div className="node-line">
        prog_array ·{" "}
        {slots.length < map.maxEntries
          ? `${slots.length} of ${map.maxEntries} slots`
          : `${map.maxEntries} slots`}
      </div>
      <ol className="slot-list">
        {slots.map((slot) => (
          <li key={slot.index} className="slot-row" data-testid={`prog-slot-${map.name}-${slot.index}`}>
            <span className="slot-index">[{slot.index}]</span>
            {/* nodrag/nopan/nokey: React Flow leaves the select's clicks and keys alone. */}
            <select
              className={`slot-select nodrag nopan nokey ${slot.program ? "slot-program" : "slot-empty"}`}
              data-testid={`slot-select-${map.name}-${slot.index}`}
              aria-label={`Slot ${slot.index} of ${map.name}, from the next packet`}
              value={slot.program ?? ""}
              onChange={(e) =>
                useTailscope.getState().setSlotLive(map.name, slot.index, e.target.value || null)
              }
            >
              <option value="">empty</option>
              {programs.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ol>
    </div>
  );
}

export const ProgArrayNode = memo(ProgArrayNodeView, sameData);
