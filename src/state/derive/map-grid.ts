import { decodeField } from "./field";
import type { GridColumn } from "./graph-metrics";
import type { MapNodeData } from "./graph-types";
import type { ShownKey } from "./map-keys";

/** One value of the grid: now, and what it was before the last move when that move changed it. */
export interface GridValue {
  readonly column: string;
  readonly now: string;
  /** null: unchanged by the last move. */
  readonly was: string | null;
}

/** The values of one key on one CPU (or of a shared map's only copy), a column each. */
export function gridValues(data: MapNodeData, hex: string, cpu: number | null): GridValue[] {
  const { map, values, before } = data;
  const column = cpu ?? 0;
  const now = values[hex]?.[column];
  const old = before[hex]?.[column] ?? null;
  if (!map.valueFields) {
    const shown = now ?? "00".repeat(map.valueSize);
    return [{ column: "value", now: shown, was: old === null ? null : old || "no entry" }];
  }
  return map.valueFields.map((field) => {
    const value = decodeField(now, field);
    const was = old === null ? null : old === "" ? "no entry" : decodeField(old, field);
    return { column: field.name || "value", now: value, was: was !== null && was !== value ? was : null };
  });
}

/**
 * A row's cells, a column each: the fields of the block's key, or (keys as columns) the one
 * value of each key, named by its key.
 */
export function rowCells(
  data: MapNodeData,
  columns: readonly GridColumn[],
  block: ShownKey | null,
  cpu: number | null,
): (GridValue & { readonly key: ShownKey })[] {
  if (block) return gridValues(data, block.hex, cpu).map((value) => ({ ...value, key: block }));
  return columns.flatMap((column) => {
    if (!column.key) return [];
    const [value] = gridValues(data, column.key.hex, cpu);
    return value ? [{ ...value, column: column.name, key: column.key }] : [];
  });
}

/**
 * How warm each CPU's square is in the heat map: per column, its value against the largest of
 * that column among these CPUs (0 for zero, 1 for the largest; a non-zero value that is not a
 * number counts as 1), and the warmest of its columns.
 */
export function heatLevels(
  data: MapNodeData,
  columns: readonly GridColumn[],
  block: ShownKey | null,
): Map<number, number> {
  const magnitude = (value: string) => {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? Math.abs(parsed) : /^0*$/.test(value) ? 0 : 1;
  };
  const table = data.grid.heat.map((cpu) => ({
    cpu,
    values: rowCells(data, columns, block, cpu).map((cell) => magnitude(cell.now)),
  }));
  const tops = columns.map((_, i) => Math.max(0, ...table.map((row) => row.values[i] ?? 0)));
  return new Map(
    table.map(({ cpu, values }) => [
      cpu,
      Math.max(0, ...values.map((value, i) => (tops[i] === 0 ? 0 : value / tops[i]))),
    ]),
  );
}
