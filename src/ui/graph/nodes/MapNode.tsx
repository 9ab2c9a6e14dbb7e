import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { MapSummary } from "../../../engine";
import { decodeField } from "../../../state/derive/field";
import type { MapNodeData } from "../../../state/derive/graph";
import type { ShownKey } from "../../../state/derive/map-keys";
import { cpuColor } from "../cpu-colors";
import { sameData } from "./same-data";

interface FieldsProps {
  readonly map: MapSummary;
  readonly hex: string | undefined;
  /** The bytes before the last move, if it changed them ("": no entry then). */
  readonly before: string | null;
  /** The last move went backwards: the change is a write undone. */
  readonly undone: boolean;
}

/**
 * A cell's fields decoded from its bytes (before any run every value is zero, as the kernel
 * creates it); a field the last move changed also shows what it was, and a new entry says so.
 * Going back, the change is a write undone, and says so instead.
 */
function Fields({ map, hex, before, undone }: FieldsProps) {
  if (before === "") {
    return (
      <>
        <FieldValues map={map} hex={hex} before={null} undone={undone} />
        <span className="cell-old">{undone ? "(delete undone)" : "(new entry)"}</span>
      </>
    );
  }
  return <FieldValues map={map} hex={hex} before={before} undone={undone} />;
}

function FieldValues({ map, hex, before, undone }: FieldsProps) {
  const was = undone ? "undone, was" : "was";
  if (!map.valueFields)
    return (
      <code className="cell-hex">
        {hex ?? "00".repeat(map.valueSize)}
        {before !== null && (
          <span className="cell-old">
            {" "}
            ({was} {before})
          </span>
        )}
      </code>
    );
  return (
    <div className="cell-fields">
      {map.valueFields.map((field) => {
        const now = decodeField(hex, field);
        const old = before === null ? null : decodeField(before, field);
        return (
          <div key={field.name || "value"} className="cell-field">
            {field.name || "value"} = <span className="cell-value">{now}</span>
            {old !== null && old !== now && (
              <span className="cell-old">
                {" "}
                ({was} {old})
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

interface CellProps {
  readonly data: MapNodeData;
  readonly shownKey: ShownKey;
  /** The CPU whose copy this is, for a per-CPU map; null for a shared one. */
  readonly cpu: number | null;
}

function Cell({ data, shownKey, cpu }: CellProps) {
  const { map, values, before } = data;
  const column = cpu ?? 0;
  const old = before[shownKey.hex]?.[column] ?? null;
  return (
    <div
      className={old === null ? "map-cell" : data.undone ? "map-cell undone" : "map-cell written"}
      data-testid={
        cpu === null
          ? `map-cell-${map.name}-${shownKey.label}`
          : `percpu-cell-${map.name}-${shownKey.label}-${cpu}`
      }
    >
      <span className="cell-label" style={cpu === null ? undefined : { borderColor: cpuColor(cpu) }}>
        {cpu === null ? `key ${shownKey.label}` : `CPU ${cpu} · key ${shownKey.label}`}
      </span>
      <Fields map={map} hex={values[shownKey.hex]?.[column]} before={old} undone={data.undone} />
    </div>
  );
}

/**
 * A data map: a few of its keys (the ones holding something, or a hash map's entries), one cell
 * per CPU for a per-CPU map, labelled and coloured by CPU; the inspector lists every entry.
 */
function MapNodeView({ data }: NodeProps & { data: MapNodeData }) {
  const { map, cpus, before, shown } = data;
  const cells = shown.keys.flatMap((shownKey) =>
    map.perCpu
      ? Array.from({ length: cpus }, (_, cpu) => ({ shownKey, cpu: cpu as number | null }))
      : [{ shownKey, cpu: null }],
  );
  return (
    <div className="graph-node map-node" data-testid={`map-node-${map.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">{map.name}</div>
      <div className="node-detail">
        {map.typeName} · key {map.keySize} B · value {map.valueSize} B · max {map.maxEntries}
      </div>
      {cells.map(({ shownKey, cpu }) => (
        <Cell
          // A new key after a write restarts the flash animation.
          key={`${shownKey.hex}-${cpu}-${before[shownKey.hex]?.[cpu ?? 0] ?? "unchanged"}`}
          data={data}
          shownKey={shownKey}
          cpu={cpu}
        />
      ))}
      {shown.empty && <div className="map-more">no entries</div>}
      {shown.more > 0 && (
        <div className="map-more">
          {shown.more} more {shown.more === 1 ? "key" : "keys"} with values: see the inspector
        </div>
      )}
    </div>
  );
}

export const MapNode = memo(MapNodeView, sameData);
