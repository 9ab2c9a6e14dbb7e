import { Graph, layout } from "@dagrejs/dagre";
import type { BuildSummary, MapSummary, ProgramSummary, RunReport } from "../../engine";
import { entryOf, reachableFrom } from "./entry";
import { type ShownKeys, shownKeys } from "./map-keys";
import type { RunFacts } from "./run-facts";

/** Data carried by each kind of graph node; plain values only, so nodes are cheap to compare. */
export interface CpuNodeData extends Record<string, unknown> {
  readonly cpu: number;
  readonly entry: string | null;
  /** At the cursor: the packet this CPU is running and the program it is in. */
  readonly running: { readonly packet: number; readonly program: string } | null;
  /** Packets waiting for this CPU at the cursor (null before a run). */
  readonly queued: number | null;
}
export interface ProgramNodeData extends Record<string, unknown> {
  readonly program: ProgramSummary;
  /** Packets enter here: the attached program. */
  readonly isEntry: boolean;
  /** No packet entering the entry program can get here through the slots at the cursor. */
  readonly unreached: boolean;
  /** The CPU running this program at the cursor, if any (the one to follow, if several). */
  readonly activeCpu: number | null;
  /** Every CPU in this program at the cursor (interleaved runs can have several). */
  readonly activeCpus: readonly number[];
  /** The last packet that ended in this program by the cursor, and its return value. */
  readonly lastReturn: { readonly packet: number; readonly retval: number } | null;
  /** The followed packet's last tail call from here, if it fell through: why. */
  readonly failedTailCall: { readonly map: string; readonly key: number; readonly outcome: string } | null;
}

/** A packet in flight at the cursor. */
interface InFlightView {
  readonly packet: number;
  readonly cpu: number;
  readonly programs: readonly string[];
  readonly tailCalls?: readonly { from: string; map: string; key: number; outcome: string }[];
}

/** What the cursor shows: the maps at that step and the packets in flight. */
export interface CursorView {
  /** Statements run by the cursor. */
  readonly step?: number;
  readonly maps: RunReport["maps"];
  /** The packet to follow (the one that ran the last statement). */
  readonly running: InFlightView | null;
  /** Every packet in flight, one per busy CPU. */
  readonly cpus?: readonly InFlightView[];
}

function inFlight(cursor: CursorView | null): readonly InFlightView[] {
  if (!cursor) return [];
  return cursor.cpus ?? (cursor.running ? [cursor.running] : []);
}
export interface ProgArrayNodeData extends Record<string, unknown> {
  readonly map: MapSummary;
  /** The slots at the cursor (control-plane actions change them), or as loaded before a run. */
  readonly slots: readonly { readonly index: number; readonly program: string }[];
  /** Programs a slot can be set to. */
  readonly programs: readonly string[];
}
export interface MapNodeData extends Record<string, unknown> {
  readonly map: MapSummary;
  readonly cpus: number;
  /** Values after the last run, by key (hex): one hex value per CPU, or one for a shared map. */
  readonly values: Readonly<Record<string, readonly string[]>>;
  /**
   * Values the last cursor move changed: the bytes before it, by key and CPU (null: unchanged;
   * "": the key had no entry).
   */
  readonly before: Readonly<Record<string, readonly (string | null)[]>>;
  /** The keys the node shows (a few; the inspector lists them all). */
  readonly shown: ShownKeys;
  /** The last move went backwards: `before` holds writes it undid, not writes it made. */
  readonly undone: boolean;
}

export type GraphNode =
  | { id: string; type: "cpu"; position: Point; data: CpuNodeData }
  | { id: string; type: "program"; position: Point; data: ProgramNodeData }
  | { id: string; type: "progArray"; position: Point; data: ProgArrayNodeData }
  | { id: string; type: "map"; position: Point; data: MapNodeData };

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
  label?: string;
  kind: "attach" | "slot" | "tail-call" | "uses";
}

interface Point {
  x: number;
  y: number;
}

/** What the graph shows besides the build: the run, the cursor and the move to it, the entry. */
export interface GraphMoment {
  readonly report?: RunReport | null;
  readonly cursor?: CursorView | null;
  /** The view before the last move: what that move changed flashes. */
  readonly previous?: CursorView | null;
  readonly facts?: RunFacts | null;
  /** The scenario's attached program. */
  readonly attach?: string | null;
}

/** The last move went back in time (its changes are undone writes, not writes). */
function isBackward(cursor: CursorView | null, previous: CursorView | null): boolean {
  return cursor?.step !== undefined && previous?.step !== undefined && cursor.step < previous.step;
}

/** For each value that differs between two cursor positions, the bytes it held before. */
function changedFrom(
  before: RunReport["maps"] | null,
  after: RunReport["maps"] | null,
  name: string,
): Record<string, (string | null)[]> {
  if (!before || !after) return {};
  const old = valuesOf(before, name);
  const now = valuesOf(after, name);
  const changed: Record<string, (string | null)[]> = {};
  for (const [key, values] of Object.entries(now)) {
    const previous = old[key] ?? [];
    if (values.some((value, i) => value !== previous[i]))
      // "" stands for "no entry before": a hash map's new key.
      changed[key] = values.map((value, i) => (value !== previous[i] ? (previous[i] ?? "") : null));
  }
  return changed;
}

/** The followed packet's last tail-call attempt, when it was made here and fell through. */
function failedTailCallFrom(name: string, cursor: CursorView | null): ProgramNodeData["failedTailCall"] {
  const last = cursor?.running?.tailCalls?.at(-1);
  if (!last || last.from !== name || last.outcome === "jumped") return null;
  if (cursor?.running?.programs.at(-1) !== name) return null;
  return { map: last.map, key: last.key, outcome: last.outcome };
}

/** The CPU to show in a program: the followed packet's, else the first CPU there. */
function activeCpuIn(name: string, cursor: CursorView | null, busy: readonly InFlightView[]): number | null {
  if (cursor?.running?.programs.at(-1) === name) return cursor.running.cpu;
  return busy.find((p) => p.programs.at(-1) === name)?.cpu ?? null;
}

/** Rows a prog-array node draws: every slot up to 16, else the filled ones and the first empty ones. */
export const MAX_SLOT_ROWS = 16;

export function shownSlots(
  maxEntries: number,
  slots: ProgArrayNodeData["slots"],
): { index: number; program: string | null }[] {
  const byIndex = new Map(slots.map((s) => [s.index, s.program]));
  if (maxEntries <= MAX_SLOT_ROWS)
    return Array.from({ length: maxEntries }, (_, index) => ({ index, program: byIndex.get(index) ?? null }));
  const filled = slots.filter((s) => s.index < maxEntries).map((s) => s.index);
  const shown = new Set(filled.slice(0, MAX_SLOT_ROWS));
  for (let index = 0; shown.size < MAX_SLOT_ROWS && index < maxEntries; index++) shown.add(index);
  return [...shown].sort((a, b) => a - b).map((index) => ({ index, program: byIndex.get(index) ?? null }));
}

/** A prog array's slots at the cursor, from the map's bytes there; before a run, as loaded. */
function slotsAt(map: MapSummary, cursor: CursorView | null): ProgArrayNodeData["slots"] {
  const entries = cursor?.maps[map.name]?.entries;
  if (!entries) return map.slots;
  return entries.flatMap((entry) =>
    "program" in entry ? [{ index: littleEndianIndex(entry.key), program: entry.program }] : [],
  );
}

/** A 4-byte key in hex, as its little-endian u32. */
function littleEndianIndex(hex: string): number {
  let value = 0;
  for (let i = hex.length - 2; i >= 0; i -= 2) value = value * 256 + Number.parseInt(hex.slice(i, i + 2), 16);
  return value;
}

/** Node sizes for layout; the components draw at these sizes. */
export function nodeSize(node: GraphNode): { width: number; height: number } {
  switch (node.type) {
    case "cpu":
      return { width: 150, height: 80 };
    case "program":
      return { width: 200, height: 92 };
    case "progArray":
      return { width: 190, height: 52 + 26 * shownSlots(node.data.map.maxEntries, node.data.slots).length };
    case "map": {
      const { map, cpus, shown } = node.data;
      const rows = shown.keys.length * (map.perCpu ? cpus : 1);
      const fields = Math.max(1, map.valueFields?.length ?? 1);
      const footer = shown.more > 0 || shown.empty ? 20 : 0;
      return { width: 240, height: 58 + rows * (18 + 16 * fields) + footer };
    }
  }
}

export const programNodeId = (name: string) => `program:${name}`;
export const mapNodeId = (name: string) => `map:${name}`;
export const cpuNodeId = (cpu: number) => `cpu:${cpu}`;

/**
 * The object graph of a build: a node per CPU, per program, per prog array (a handle per slot)
 * and per map; edges from CPUs to the entry program, slots to programs, programs to the maps
 * they use and to the prog arrays they tail-call through. Laid out left to right by dagre.
 */
export function deriveGraph(
  build: BuildSummary | null,
  cpus: number,
  moment: GraphMoment = {},
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  if (!build?.loaded) return { nodes: [], edges: [] };
  const { report = null, cursor = null, previous = null, facts = null } = moment;
  const entry = entryOf(build, moment.attach);
  const backward = isBackward(cursor, previous);
  const slotsByMap = new Map(
    build.maps.filter((m) => m.typeName === "prog_array").map((m) => [m.name, slotsAt(m, cursor)]),
  );
  const reached = reachableFrom(build, entry, (map) => slotsByMap.get(map) ?? []);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const origin = { x: 0, y: 0 };
  const busy = inFlight(cursor);
  for (let cpu = 0; cpu < cpus; cpu++) {
    const here = busy.find((p) => p.cpu === cpu);
    const running = here ? { packet: here.packet, program: here.programs.at(-1) ?? "" } : null;
    const queued = facts ? (facts.queued[cpu] ?? 0) : null;
    nodes.push({ id: cpuNodeId(cpu), type: "cpu", position: origin, data: { cpu, entry, running, queued } });
    if (entry)
      edges.push({
        id: `attach:${cpu}`,
        source: cpuNodeId(cpu),
        target: programNodeId(entry),
        kind: "attach",
      });
  }
  for (const program of build.programs)
    nodes.push({
      id: programNodeId(program.name),
      type: "program",
      position: origin,
      data: {
        program,
        isEntry: program.name === entry,
        unreached: !reached.has(program.name),
        activeCpu: activeCpuIn(program.name, cursor, busy),
        activeCpus: busy.filter((p) => p.programs.at(-1) === program.name).map((p) => p.cpu),
        failedTailCall: failedTailCallFrom(program.name, cursor),
        lastReturn: facts?.lastReturn.get(program.name) ?? null,
      },
    });
  for (const map of build.maps) {
    if (map.typeName === "prog_array") {
      const slots = slotsByMap.get(map.name) ?? [];
      const programs = build.programs.map((p) => p.name);
      nodes.push({
        id: mapNodeId(map.name),
        type: "progArray",
        position: origin,
        data: { map, slots, programs },
      });
      for (const slot of slots) {
        if (slot.index >= map.maxEntries) continue;
        edges.push({
          id: `slot:${map.name}:${slot.index}`,
          source: mapNodeId(map.name),
          sourceHandle: `slot-${slot.index}`,
          target: programNodeId(slot.program),
          kind: "slot",
        });
      }
    } else {
      const values = valuesOf(cursor?.maps ?? report?.maps ?? null, map.name);
      const before = changedFrom(previous?.maps ?? null, cursor?.maps ?? null, map.name);
      nodes.push({
        id: mapNodeId(map.name),
        type: "map",
        position: origin,
        data: { map, cpus, values, before, shown: shownKeys(map, values, before), undone: backward },
      });
    }
  }
  for (const program of build.programs) {
    for (const name of program.maps) {
      const map = build.maps.find((m) => m.name === name);
      if (!map) continue;
      if (map.typeName === "prog_array") {
        const slots = program.tailCalls
          .filter((t) => t.map === name)
          .map((t) => (t.index === null ? "?" : String(t.index)));
        edges.push({
          id: `tail:${program.name}:${name}`,
          source: programNodeId(program.name),
          target: mapNodeId(name),
          label: `tail call [${slots.join(", ")}]`,
          kind: "tail-call",
        });
      } else
        edges.push({
          id: `uses:${program.name}:${name}`,
          source: programNodeId(program.name),
          target: mapNodeId(name),
          kind: "uses",
        });
    }
  }
  return { nodes: layoutNodes(nodes, edges), edges };
}

/**
 * The last layout, by the graph's shape (node ids and sizes, ranked edges): a cursor move
 * changes what nodes show, not the shape, so stepping reuses the positions instead of running
 * dagre again (which measured as the largest cost of playing at full speed).
 */
let lastLayout: { key: string; positions: Map<string, { x: number; y: number }> } | null = null;

function layoutNodes(nodes: GraphNode[], edges: GraphEdge[]): GraphNode[] {
  // Tail-call edges point back from programs to the prog array; keep them out of the ranking.
  const ranked = edges.filter((edge) => edge.kind !== "tail-call");
  const key = JSON.stringify([
    nodes.map((node) => [node.id, nodeSize(node)]),
    ranked.map((edge) => [edge.source, edge.target]),
  ]);
  if (lastLayout?.key !== key) lastLayout = { key, positions: computeLayout(nodes, ranked) };
  const positions = lastLayout.positions;
  return nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? { x: 0, y: 0 } }) as GraphNode);
}

function computeLayout(nodes: GraphNode[], edges: GraphEdge[]): Map<string, { x: number; y: number }> {
  const graph = new Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 70, marginx: 10, marginy: 10 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, nodeSize(node));
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    const { width, height } = nodeSize(node);
    positions.set(node.id, { x: placed.x - width / 2, y: placed.y - height / 2 });
  }
  stackSlotTargets(edges, positions);
  return positions;
}

/**
 * Dagre sees a prog array's slot edges as edges of one node, not of handles stacked in index
 * order, so it may put slot [1]'s program above slot [0]'s and cross their edges. Among the
 * programs of one array's slots that share a column, this hands out their places top to bottom
 * in slot order.
 */
function stackSlotTargets(edges: GraphEdge[], positions: Map<string, { x: number; y: number }>): void {
  const slotIndex = (edge: GraphEdge) => Number(edge.sourceHandle?.replace("slot-", "") ?? 0);
  const bySource = new Map<string, GraphEdge[]>();
  for (const edge of edges)
    if (edge.kind === "slot") bySource.set(edge.source, [...(bySource.get(edge.source) ?? []), edge]);
  for (const slotEdges of bySource.values()) {
    const targets = [...new Set(slotEdges.sort((a, b) => slotIndex(a) - slotIndex(b)).map((e) => e.target))];
    const columns = new Map<number, string[]>();
    for (const target of targets) {
      const x = positions.get(target)?.x;
      if (x !== undefined) columns.set(x, [...(columns.get(x) ?? []), target]);
    }
    for (const column of columns.values()) {
      const places = column
        .map((id) => positions.get(id) as { x: number; y: number })
        .sort((a, b) => a.y - b.y);
      column.forEach((id, i) => positions.set(id, places[i]));
    }
  }
}

function valuesOf(maps: RunReport["maps"] | null, name: string): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const entry of maps?.[name]?.entries ?? []) {
    if ("values" in entry) values[entry.key] = entry.values;
    else if ("value" in entry) values[entry.key] = [entry.value];
  }
  return values;
}
