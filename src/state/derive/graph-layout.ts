import { nodeSize, PROGRAM } from "./graph-metrics";
import { CPUS_NODE_ID, type GraphEdge, type GraphNode, type Point, programNodeId } from "./graph-types";

/** Room between program columns: a hop's two-line label fits there. */
export const HOP_GAP = 112;
const PROGRAM_GAP = 10;
/** Room between the CPU strip, the programs and the maps, for their edges. */
const ROW_GAP = 18;
const MAP_GAP = 24;
/** Room left of a column of maps for a map of maps' bracketing arrows and their labels. */
const HOLDS_ROOM = 40;

interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The picture as it reads: the CPUs on top, feeding the entry program; below them the programs
 * left to right in hop order, a column per hop; below those the maps and prog arrays, each under
 * the programs that use it. Columns come from hop depth (graph-hops.ts), so every hop of a chain
 * points right to the next column and no two hops of a column cross (fan-outs that would cross
 * meet at a junction between the columns). Hand-placed rather than by a general layered layout:
 * the columns are given by the story, not found by the algorithm, and a cursor move never moves
 * a node.
 */
export function layoutGraph(
  nodes: readonly GraphNode[],
  columns: readonly (readonly string[])[],
  edges: readonly GraphEdge[],
  /** Maps (and programs no packet reaches) in a column right of the programs, not rows under them. */
  mapsRight = false,
): Map<string, Point> {
  const sizes = new Map(nodes.map((node) => [node.id, nodeSize(node)]));
  const positions = new Map<string, Point>();
  const stripNode = nodes.find((n) => n.id === CPUS_NODE_ID);
  const placement = stripNode?.type === "cpus" ? stripNode.data.placement : "above";
  const strip = sizes.get(CPUS_NODE_ID) ?? { width: 0, height: 0 };
  const bandTop = placement === "above" ? strip.height + ROW_GAP : 0;
  const bandLeft = placement === "beside" ? strip.width + HOP_GAP / 2 : 0;
  // Stacked, the strip is part of the entry's column, above it.
  const stackedHeight = placement === "stacked" ? strip.height + ROW_GAP : 0;
  const columnHeight = (column: readonly string[], index: number) =>
    column.length * PROGRAM.height + (column.length - 1) * PROGRAM_GAP + (index === 0 ? stackedHeight : 0);
  const bandHeight = Math.max(PROGRAM.height + stackedHeight, ...columns.map(columnHeight));
  const columnWidth = (index: number) =>
    index === 0 && placement === "stacked" ? Math.max(PROGRAM.width, strip.width) : PROGRAM.width;
  const columnX = (index: number) => {
    let x = bandLeft;
    for (let i = 0; i < index; i++) x += columnWidth(i) + HOP_GAP;
    return x;
  };
  columns.forEach((column, index) => {
    const top = bandTop + (bandHeight - columnHeight(column, index)) / 2 + (index === 0 ? stackedHeight : 0);
    column.forEach((name, row) => {
      positions.set(programNodeId(name), {
        x: columnX(index),
        y: top + row * (PROGRAM.height + PROGRAM_GAP),
      });
    });
  });
  placeJunctions(nodes, edges, positions);
  placeLoopRoom(nodes, positions);
  const entry = columns.length > 0 ? positions.get(programNodeId(columns[0][0])) : undefined;
  const stripAt =
    placement === "beside"
      ? { x: 0, y: Math.max(0, (entry?.y ?? 0) + PROGRAM.height / 2 - strip.height / 2) }
      : placement === "stacked"
        ? { x: 0, y: Math.max(0, (entry?.y ?? stackedHeight) - stackedHeight) }
        : { x: Math.max(0, PROGRAM.width / 2 - strip.width / 2), y: 0 };
  positions.set(CPUS_NODE_ID, stripAt);
  const bandRight = columns.length > 0 ? columnX(columns.length - 1) + columnWidth(columns.length - 1) : 0;
  if (mapsRight) {
    // A program that tail-calls itself loops out to its right: room for the loop and its label.
    const loops = nodes.some((n) => n.type === "spacer");
    // A map of maps' arrows bracket the maps it holds on their left: room for them and their slots.
    const holds = edges.some((e) => e.kind === "holds") ? HOLDS_ROOM : 0;
    placeMapsRight(
      nodes,
      edges,
      sizes,
      positions,
      bandRight + (loops ? LOOP_ROOM + MAP_GAP : ROW_GAP) + holds,
      bandTop,
    );
    return positions;
  }
  const width = Math.max(placement === "above" ? strip.width : 0, bandRight);
  const top = Math.max(bandTop + bandHeight, placement === "beside" ? stripAt.y + strip.height : 0) + ROW_GAP;
  placeMaps(nodes, edges, sizes, positions, top, width);
  return positions;
}

/** How far a self hop's loop and its label reach right of the program. */
const LOOP_ROOM = 120;

/**
 * The room a self hop needs right of its program, kept by a spacer when the program stands in
 * the last column (in any other, the loop falls in the gap before the next column).
 */
function placeLoopRoom(nodes: readonly GraphNode[], positions: Map<string, Point>) {
  const right = Math.max(
    0,
    ...nodes.filter((n) => n.type === "program").map((n) => positions.get(n.id)?.x ?? 0),
  );
  for (const node of nodes) {
    if (node.type !== "spacer") continue;
    const program = positions.get(programNodeId(node.id.slice("loop:".length)));
    // Left unplaced elsewhere: the graph then leaves the spacer out.
    if (program && program.x === right)
      positions.set(node.id, { x: program.x + PROGRAM.width + LOOP_ROOM - 8, y: program.y });
  }
}

/** A junction sits a third of the way into the gap after its callers, level with the middle of its hops. */
function placeJunctions(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  positions: Map<string, Point>,
) {
  for (const node of nodes) {
    if (node.type !== "junction") continue;
    const ends = edges
      .filter((e) => e.target === node.id || e.source === node.id)
      .map((e) => positions.get(e.target === node.id ? e.source : e.target))
      .filter((p): p is Point => p !== undefined);
    if (ends.length === 0) continue;
    const left = Math.min(...ends.map((p) => p.x));
    const middle = ends.reduce((sum, p) => sum + p.y + PROGRAM.height / 2, 0) / ends.length;
    positions.set(node.id, { x: left + PROGRAM.width + HOP_GAP / 3, y: middle - 4 });
  }
}

/** Maps, prog arrays and the programs no packet reaches (not placed in a column). */
function isAside(node: GraphNode, positions: ReadonlyMap<string, Point>): boolean {
  return (
    node.type === "map" ||
    node.type === "progArray" ||
    node.type === "mapOfMaps" ||
    (node.type === "program" && !positions.has(node.id))
  );
}

/**
 * The programs that use a map, by node id; a map no program names but a map of maps holds is
 * used by the programs that use the map of maps.
 */
function mapUsers(nodes: readonly GraphNode[], node: GraphNode, edges: readonly GraphEdge[] = []): string[] {
  const named =
    node.type === "progArray" || node.type === "map" || node.type === "mapOfMaps" ? node.data.map.name : null;
  const direct = nodes
    .filter((n) => n.type === "program" && named !== null && n.data.program.maps.includes(named))
    .map((n) => n.id);
  if (direct.length > 0) return direct;
  const holders = edges.filter((e) => e.kind === "holds" && e.target === node.id).map((e) => e.source);
  return nodes.filter((n) => holders.includes(n.id)).flatMap((n) => mapUsers(nodes, n));
}

/** Maps and prog arrays in a column right of the programs, in the order of their users' heights. */
function placeMapsRight(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  sizes: ReadonlyMap<string, Size>,
  positions: Map<string, Point>,
  left: number,
  top: number,
) {
  const wanted = nodes
    .filter((node) => isAside(node, positions))
    .map((node) => {
      const ys = mapUsers(nodes, node, edges)
        .map((id) => positions.get(id)?.y)
        .filter((y): y is number => y !== undefined);
      return { id: node.id, y: ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : 0 };
    })
    .sort((a, b) => a.y - b.y);
  heldAfterHolders(wanted, edges);
  let y = top;
  for (const item of wanted) {
    positions.set(item.id, { x: left, y });
    y += (sizes.get(item.id) as Size).height + MAP_GAP;
  }
}

/**
 * Moves each map a map of maps holds to just after its holder (in place), so the edges between
 * them are short and run one way.
 */
function heldAfterHolders(items: { id: string }[], edges: readonly GraphEdge[]): void {
  const holderOf = new Map<string, string>();
  for (const e of edges) if (e.kind === "holds" && !holderOf.has(e.target)) holderOf.set(e.target, e.source);
  const held = items.filter((item) => holderOf.has(item.id) && !holderOf.has(holderOf.get(item.id) ?? ""));
  if (held.length === 0) return;
  const rest = items.filter((item) => !held.includes(item));
  const ordered = rest.flatMap((item) => [item, ...held.filter((h) => holderOf.get(h.id) === item.id)]);
  // A held map whose holder is not placed here keeps its own place at the end.
  const placed = new Set(ordered.map((item) => item.id));
  items.splice(0, items.length, ...ordered, ...held.filter((h) => !placed.has(h.id)));
}

/**
 * Maps and prog arrays in rows under the programs, each as near as it can be to the middle of
 * the programs that use it, left to right without overlapping; a row that would grow past the
 * programs' width wraps.
 */
function placeMaps(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  sizes: ReadonlyMap<string, Size>,
  positions: Map<string, Point>,
  top: number,
  width: number,
) {
  // A program set aside has no map users: it goes near whatever hops into it, if anything does.
  const users = (node: GraphNode) => {
    const ids = mapUsers(nodes, node, edges);
    return ids.length > 0 ? ids : edges.filter((e) => e.target === node.id).map((e) => e.source);
  };
  const wanted = nodes
    .filter((node) => isAside(node, positions))
    .map((node) => {
      const centers = users(node)
        .map((id) => positions.get(id))
        .filter((p): p is Point => p !== undefined)
        .map((p) => p.x + PROGRAM.width / 2);
      const size = sizes.get(node.id) as Size;
      const center = centers.length > 0 ? centers.reduce((a, b) => a + b, 0) / centers.length : 0;
      return { id: node.id, size, left: center - size.width / 2 };
    })
    .sort((a, b) => a.left - b.left);
  heldAfterHolders(wanted, edges);
  // Rows as wide as the programs: each item as near its users as the row allows; a row whose
  // items would pass the right edge slides left, and one that cannot fit at all wraps.
  const rows: { id: string; size: Size; left: number }[][] = [[]];
  let used = 0;
  for (const item of wanted) {
    const row = rows[rows.length - 1];
    if (row.length > 0 && used + MAP_GAP + item.size.width > Math.max(width, item.size.width)) {
      rows.push([item]);
      used = item.size.width;
    } else {
      row.push(item);
      used += (row.length > 1 ? MAP_GAP : 0) + item.size.width;
    }
  }
  let y = top;
  for (const row of rows) {
    const lefts: number[] = [];
    let x = 0;
    for (const item of row) {
      const left = Math.max(item.left, x, 0);
      lefts.push(left);
      x = left + item.size.width + MAP_GAP;
    }
    const overflow = Math.max(0, x - MAP_GAP - width);
    for (let i = row.length - 1, limit = Number.POSITIVE_INFINITY; i >= 0; i--) {
      // Slide left by the overflow, keeping each item clear of the one after it.
      const left = Math.max(0, Math.min(lefts[i] - overflow, limit - MAP_GAP - row[i].size.width));
      lefts[i] = left;
      limit = left;
    }
    row.forEach((item, i) => positions.set(item.id, { x: lefts[i], y }));
    y += Math.max(...row.map((item) => item.size.height)) + MAP_GAP;
  }
}
