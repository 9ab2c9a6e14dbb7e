import { Handle, type NodeProps, Position } from "@xyflow/react";
import { type CSSProperties, memo } from "react";
import type { MapNodeData } from "../../../state/derive/graph";
import {
  GRID,
  type GridColumn,
  gridBlocks,
  gridColumns,
  heatHeight,
  heatPerRow,
  keyFitsColumn,
  namesColumns,
} from "../../../state/derive/graph-metrics";
import { heatLevels, rowCells } from "../../../state/derive/map-grid";
import { emptyMapText, type ShownKey } from "../../../state/derive/map-keys";
import { useTailscope } from "../../../state/store";
import { cpuColor } from "../cpu-colors";
import { sameData } from "./same-data";

interface BlockProps {
  readonly data: MapNodeData;
  readonly columns: readonly GridColumn[];
  /** The key of a block of field columns; null when the keys are the columns. */
  readonly block: ShownKey | null;
  readonly template: string;
}

/** The test id of one copy of a key's value: a grid row, or with keys as columns, a cell. */
function cellId(data: MapNodeData, key: ShownKey, cpu: number | null): string {
  return cpu === null
    ? `map-cell-${data.map.name}-${key.label}`
    : `percpu-cell-${data.map.name}-${key.label}-${cpu}`;
}

/** Opens "where did this come from?" for one value of the grid. */
function askWhyOf(
  data: MapNodeData,
  cell: { column: string; key: ShownKey; now: string },
  cpu: number | null,
  /** False: the whole value (a heat square stands for every field). */
  byField = true,
): void {
  const field = byField && data.map.valueFields ? cell.column : undefined;
  const where = cpu === null ? "" : ` on CPU ${cpu}`;
  const label = `${data.map.name}[${cell.key.label}]${field ? `.${field}` : ""}${where} = ${cell.now}`;
  void useTailscope
    .getState()
    .askWhy({ kind: "map", map: data.map.name, key: cell.key.hex, cpu, ...(field ? { field } : {}) }, label);
}

/**
 * One CPU's copy as a grid row: the CPU, then a cell per column. A value the last move changed
 * flashes and says what it was (going back: what the undone write had replaced). Each cell also
 * names its column for screen readers, as a table cell would by its header.
 */
function Row({ data, columns, block, template, cpu }: BlockProps & { readonly cpu: number | null }) {
  const cells = rowCells(data, columns, block, cpu);
  const changed = cells.some((v) => v.was !== null);
  const lit = cpu !== null && cpu === data.lit;
  const was = data.undone ? "undone, was" : "was";
  const style = {
    gridTemplateColumns: template,
    ["--chip" as string]: cpu === null ? undefined : cpuColor(cpu),
  };
  return (
    <div
      className={`map-cell${changed ? (data.undone ? " undone" : " written") : ""}${lit ? " lit" : ""}`}
      data-testid={block ? cellId(data, block, cpu) : undefined}
      style={style as CSSProperties}
    >
      <span className="grid-cpu" style={cpu === null ? undefined : { borderColor: cpuColor(cpu) }}>
        {cpu === null ? "shared" : `CPU ${cpu}`}
      </span>
      {cells.map((cell) => (
        <button
          type="button"
          key={cell.column}
          className="grid-value nodrag nopan"
          title={`${cell.column} = ${cell.now}: click for where it came from`}
          data-testid={block ? undefined : cellId(data, cell.key, cpu)}
          onClick={() => askWhyOf(data, cell, cpu)}
        >
          <span className="sr-only">{cell.column} = </span>
          <span className="cell-value">{cell.now}</span>
          {cell.was !== null && (
            <span className="cell-old">
              {" "}
              ({was} {cell.was})
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

/** The CPUs not drawn as rows: a small square each, warmer for larger values (its title has them all). */
function Heat({ data, columns, block }: BlockProps) {
  const levels = heatLevels(data, columns, block);
  return (
    <div
      className="heat-block"
      style={{ gridTemplateColumns: `${GRID.labelColumn}px 1fr`, height: heatHeight(data) }}
    >
      <span className="grid-head" title="The other CPUs' copies: a square each, warmer for larger values">
        others
      </span>
      <div className="heat-row" style={{ width: heatPerRow(data) * (GRID.heatSquare + 2) }}>
        {data.grid.heat.map((cpu) => {
          const cells = rowCells(data, columns, block, cpu);
          const words = cells.map((v) => `${v.column} = ${v.now}`).join(", ");
          return (
            <button
              type="button"
              key={cpu}
              className="heat-cpu nodrag nopan"
              data-testid={block ? cellId(data, block, cpu) : `percpu-heat-${data.map.name}-${cpu}`}
              title={`CPU ${cpu}: ${words}: click for where it came from`}
              onClick={() => {
                const key = block ?? columns.find((c) => c.key)?.key;
                if (key) askWhyOf(data, { column: "value", key, now: words }, cpu, false);
              }}
            >
              <span className="sr-only">
                CPU {cpu}: {words}
              </span>
              <div
                className="heat-square"
                style={{
                  background: `color-mix(in srgb, var(--accent) ${Math.round((levels.get(cpu) ?? 0) * 100)}%, transparent)`,
                }}
              />
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** One key's grid (or all keys', side by side): the header, the rows, the heat map. */
function Block(props: BlockProps) {
  const { data, columns, block, template } = props;
  return (
    <div role="group" aria-label={block ? `${data.map.name} ${block.heading}` : data.map.name}>
      {!keyFitsColumn(block) && (
        <div className="grid-head map-key map-key-line" title={block?.heading}>
          {block?.heading}
        </div>
      )}
      {(keyFitsColumn(block) || namesColumns(data)) && (
        <div className="map-cell-head" style={{ gridTemplateColumns: template }} aria-hidden="true">
          <span className="grid-head map-key">{block && keyFitsColumn(block) ? block.heading : ""}</span>
          {namesColumns(data) &&
            columns.map((c) => (
              <span key={c.name} className="grid-head">
                {c.name}
              </span>
            ))}
        </div>
      )}
      {data.grid.rows.map((cpu) => (
        <Row
          // A new value restarts the flash animation.
          key={`${cpu}-${JSON.stringify(Object.values(data.before).map((v) => v[cpu ?? 0] ?? null))}`}
          {...props}
          cpu={cpu}
        />
      ))}
      {data.grid.heat.length > 0 && <Heat {...props} />}
    </div>
  );
}

/**
 * A data map as a grid: a row per CPU (a per-CPU map) or a single row (a shared map), a column per
 * field (or per key, for a map of plain numbers), so ARRAY against PERCPU_ARRAY shows at a
 * glance. Beyond a few CPUs the followed CPU's row stays and the rest become a heat map. The
 * running CPU's row is lit in its colour. The inspector lists every entry.
 */
function MapNodeView({ data }: NodeProps & { data: MapNodeData }) {
  const { map, shown } = data;
  const columns = gridColumns(data);
  const template = `${GRID.labelColumn}px ${columns.map((c) => `${c.width}px`).join(" ")}`;
  return (
    <div
      className={`graph-node map-node${data.spotlight ? " spotlight" : ""}`}
      data-testid={`map-node-${map.name}`}
    >
      <Handle id="top" type="target" position={Position.Top} isConnectable={false} />
      <Handle id="side" type="target" position={Position.Left} isConnectable={false} />
      <div className="node-title">{map.name}</div>
      <div className="node-line">
        {map.typeName} · max {map.maxEntries}
      </div>
      {gridBlocks(data).map((block) => (
        <Block key={block?.hex ?? "keys"} data={data} columns={columns} block={block} template={template} />
      ))}
      {shown.empty && (
        <div className="map-more" title={emptyMapText(map)}>
          {emptyMapText(map)}
        </div>
      )}
      {shown.more > 0 && (
        <div
          className="map-more"
          title={`${shown.more} more keys with values: the inspector lists every entry`}
        >
          {shown.more} more in the inspector
        </div>
      )}
    </div>
  );
}

export const MapNode = memo(MapNodeView, sameData);
