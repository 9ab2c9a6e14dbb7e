import type { CpuDensity, GraphNode, MapNodeData, StripPlacement } from "./graph-types";
import type { ShownKey } from "./map-keys";

/**
 * The sizes every graph node is drawn at, in the graph's own pixels (the components set them
 * as their width and height, graph.css lays their insides out on the same grid). The layout
 * places nodes by these sizes, so what it computes is what the screen shows.
 *
 * Every text in the graph is 14 px or more at zoom 1 (graph.css), and the layout is compact
 * enough that fitting it to the pane keeps the zoom above 0.86 at 1280×800: the smallest text
 * on screen stays at 12 px or more (issue 15; e2e/picture.spec.ts measures it).
 */

/** A program: its name, section, and two lines of state (17 px rows, graph.css). */
export const PROGRAM = { width: 184, height: 87 } as const;
export const JUNCTION = { width: 8, height: 8 } as const;

/** Node padding and border, added around the content. */
const FRAME = { x: 2 * 10 + 4, y: 2 * 6 + 4 } as const;
const TITLE_ROW = 20;
const DETAIL_ROW = 18;

/** The CPU strip: the size of one CPU at each density, and how many go on a row. */
export const CPU_CHIP: Readonly<Record<CpuDensity, { width: number; height: number; gap: number }>> = {
  cards: { width: 224, height: 44, gap: 8 },
  squares: { width: 34, height: 28, gap: 4 },
};

/**
 * One or two CPUs get a card each; beyond, a numbered square each, filled while busy, with the
 * followed CPU spelled out above them (the program nodes say which CPUs are in them): the room
 * goes to the per-CPU grid, which shows every CPU's row up to four.
 */
export function cpuDensity(cpus: number): CpuDensity {
  return cpus <= 2 ? "cards" : "squares";
}

/** CPUs per row: a strip above the programs is wide, one beside or stacked narrow. */
export function cpusPerRow(cpus: number, density: CpuDensity, placement: StripPlacement): number {
  const narrow = placement !== "above";
  if (density === "cards") return narrow ? 1 : cpus;
  return Math.min(cpus, narrow ? 4 : 16);
}

function cpusSize(cpus: number, density: CpuDensity, perRow: number): { width: number; height: number } {
  const chip = CPU_CHIP[density];
  const rows = Math.ceil(cpus / perRow);
  // Beyond the cards, a line above the chips spells out the followed CPU.
  const followed = density === "cards" ? 0 : DETAIL_ROW + 4;
  return {
    width: FRAME.x + perRow * chip.width + (perRow - 1) * chip.gap,
    height: FRAME.y + followed + rows * chip.height + (rows - 1) * chip.gap,
  };
}

/** A prog array's slot rows. */
export const SLOT_ROW = 22;
/** A prog array this small shows every slot; a larger one its filled slots (at most 6) and one empty. */
export const ALL_SLOTS_UP_TO = 4;
const MAX_FILLED_ROWS = 6;

/**
 * The slots a prog-array node lists: all of a small array's; of a larger one, the filled slots
 * (the first six) and the first empty one, so a program can still be put in a slot from the
 * graph. The control plane and the inspector reach every slot.
 */
export function slotRows(
  maxEntries: number,
  slots: readonly { readonly index: number; readonly program: string }[],
): { index: number; program: string | null }[] {
  const byIndex = new Map(slots.map((s) => [s.index, s.program]));
  if (maxEntries <= ALL_SLOTS_UP_TO)
    return Array.from({ length: maxEntries }, (_, index) => ({ index, program: byIndex.get(index) ?? null }));
  const shown = slots
    .filter((s) => s.index < maxEntries)
    .map((s) => s.index)
    .sort((a, b) => a - b)
    .slice(0, MAX_FILLED_ROWS);
  let empty = 0;
  while (empty < maxEntries && byIndex.has(empty)) empty++;
  if (empty < maxEntries) shown.push(empty);
  return shown.sort((a, b) => a - b).map((index) => ({ index, program: byIndex.get(index) ?? null }));
}

/** The per-CPU grid: the CPU column, a column per field, a row per CPU drawn in full. */
export const GRID = { labelColumn: 64, row: 22, header: 20, heatSquare: 14 };

/** A column of a map's grid: a field of the value, or (a map of plain numbers) a key. */
export interface GridColumn {
  readonly name: string;
  readonly width: number;
  /** The key this column shows (key columns), else null (field columns, the key is the block's). */
  readonly key: ShownKey | null;
}

/** A map of plain numbers (no struct) with short keys shows its keys side by side, a column each. */
export function keysAsColumns(data: MapNodeData): boolean {
  const fields = data.map.valueFields;
  const plain = fields === null || (fields.length === 1 && fields[0]?.name === "");
  return plain && data.shown.keys.length > 1 && data.shown.keys.every((key) => key.label.length <= 8);
}

function columnWidth(text: string, minimum: number): number {
  return Math.max(minimum, Math.ceil(text.length * 8 + 16));
}

/** Room for a field's value and what it was (`2048 (was 0)`) at 13 px. */
const FIELD_COLUMN = 104;

/** The columns of a map's grid: each value field, the value in hex when it has no fields, or each shown key. */
export function gridColumns(data: MapNodeData): GridColumn[] {
  const { map } = data;
  if (keysAsColumns(data))
    return data.shown.keys.map((key) => ({
      name: key.heading,
      width: columnWidth(key.heading, map.valueFields ? FIELD_COLUMN : 8 * 2 * map.valueSize + 12),
      key,
    }));
  if (!map.valueFields)
    return [{ name: "value", width: Math.max(90, 8 * 2 * map.valueSize + 12), key: null }];
  return map.valueFields.map((field) => ({
    name: field.name || "value",
    width: columnWidth(field.name || "value", FIELD_COLUMN),
    key: null,
  }));
}

/** The blocks of a grid, one per shown key; a single one when the keys are columns. */
export function gridBlocks(data: MapNodeData): (ShownKey | null)[] {
  return keysAsColumns(data) ? [null] : [...data.shown.keys];
}

/** A block's key fits the CPU column (`key 0`); a longer one (a struct key) gets a line of its own. */
export function keyFitsColumn(block: ShownKey | null): boolean {
  return block === null || block.label.length <= 3;
}

/** Whether a block has a line naming its columns: struct fields, or keys as columns. */
export function namesColumns(data: MapNodeData): boolean {
  const fields = data.map.valueFields;
  return keysAsColumns(data) || (fields !== null && !(fields.length === 1 && fields[0]?.name === ""));
}

/** A block's header: the key and the column names on one line, or the key on its own line above them. */
export function blockHeaderHeight(data: MapNodeData, block: ShownKey | null): number {
  if (keyFitsColumn(block)) return GRID.header;
  return GRID.header + (namesColumns(data) ? GRID.header : 0);
}

/** Digits of the widest value of an integer field of this many bytes. */
const DIGITS: Readonly<Record<number, number>> = { 1: 3, 2: 5, 4: 10, 8: 20 };

/**
 * Characters the longest key of a map can take as the node writes it (`key {sport=65535,
 * dport=65535}`): from the key's type, not the keys at the cursor, so the node keeps its width
 * while the cursor moves.
 */
function keyChars(data: MapNodeData): number {
  const fields = data.map.keyFields;
  // An LPM trie's key reads as an address and its prefix: `key 255.255.255.255/32`.
  if (data.map.typeName === "lpm_trie")
    return 8 + (LPM_ADDRESS_CHARS[data.map.keySize - 4] ?? 2 * (data.map.keySize - 4));
  if (!fields || fields.length === 0) return 4 + Math.min(20, 2 * data.map.keySize);
  if (fields.length === 1 && fields[0]?.name === "") return 4 + (DIGITS[fields[0].size] ?? 20);
  return 6 + fields.reduce((sum, f) => sum + f.name.length + 3 + (DIGITS[f.size] ?? 20), 0);
}

/** An address's widest text by its bytes: dotted IPv4, IPv6 in eight groups. */
const LPM_ADDRESS_CHARS: Readonly<Record<number, number>> = { 4: 15, 16: 39 };

/** The widest a map node grows for a long key. */
const MAX_MAP_WIDTH = 440;

function mapWidth(data: MapNodeData): number {
  const columns = gridColumns(data);
  const grid = FRAME.x + GRID.labelColumn + columns.reduce((sum, c) => sum + c.width, 0);
  const keys = gridBlocks(data).some((block) => !keyFitsColumn(block))
    ? Math.min(MAX_MAP_WIDTH, FRAME.x + Math.ceil(keyChars(data) * 8.5))
    : 0;
  return Math.max(220, grid, keys);
}

/** CPUs per line of the heat map: as many squares (and their gaps) as the node's width holds. */
export function heatPerRow(data: MapNodeData): number {
  return Math.floor((mapWidth(data) - FRAME.x - GRID.labelColumn + 2) / (GRID.heatSquare + 2));
}

/** The heat map's height: a line of squares, one per CPU, per row. */
export function heatHeight(data: MapNodeData): number {
  if (data.grid.heat.length === 0) return 0;
  const rows = Math.ceil(data.grid.heat.length / heatPerRow(data));
  return Math.max(DETAIL_ROW + 2, rows * (GRID.heatSquare + 2) + 4);
}

function mapSize(data: MapNodeData): { width: number; height: number } {
  const width = mapWidth(data);
  // Per key: the header (the key and the field names), the rows, the heat map.
  const blocks = gridBlocks(data).reduce(
    (sum, block) =>
      sum + blockHeaderHeight(data, block) + data.grid.rows.length * GRID.row + heatHeight(data),
    0,
  );
  const footer = data.shown.more > 0 || data.shown.empty ? DETAIL_ROW : 0;
  return {
    width,
    height: FRAME.y + TITLE_ROW + DETAIL_ROW + blocks + footer + 4,
  };
}

/** Node sizes for layout; the components draw at these sizes. */
export function nodeSize(node: GraphNode): { width: number; height: number } {
  switch (node.type) {
    case "cpus":
      return cpusSize(node.data.chips.length, node.data.density, node.data.perRow);
    case "program":
      return PROGRAM;
    case "junction":
    case "spacer":
      return JUNCTION;
    case "progArray": {
      const rows = slotRows(node.data.map.maxEntries, node.data.slots).length;
      return { width: PROGRAM.width, height: FRAME.y + TITLE_ROW + DETAIL_ROW + rows * SLOT_ROW + 4 };
    }
    case "mapOfMaps": {
      const rows = node.data.rows.length + (node.data.more > 0 ? 1 : 0);
      return { width: PROGRAM.width, height: FRAME.y + TITLE_ROW + DETAIL_ROW + rows * SLOT_ROW + 4 };
    }
    case "map":
      return mapSize(node.data);
  }
}
