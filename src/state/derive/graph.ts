import { type BuildSummary, type MapSummary, type RunReport, runnable } from "../../engine";
import { entryOf, reachableFrom } from "./entry";
import { type Hop, hopColumns, hopsOf, sharedFanOuts, slotLabel } from "./graph-hops";
import { layoutGraph } from "./graph-layout";
import { cpuDensity, cpusPerRow, nodeSize } from "./graph-metrics";
import {
  CPUS_NODE_ID,
  type CpuChip,
  type CursorView,
  type GraphEdge,
  type GraphNode,
  type InFlightView,
  type MapRows,
  mapNodeId,
  type ProgArrayNodeData,
  type ProgramNodeData,
  programNodeId,
  type StripPlacement,
} from "./graph-types";
import { littleEndianIndex, shownKeys } from "./map-keys";
import { holdsEdges, mapOfMapsData } from "./map-of-maps";
import type { RunFacts } from "./run-facts";

export { nodeSize } from "./graph-metrics";
export * from "./graph-types";

function inFlight(cursor: CursorView | null): readonly InFlightView[] {
  if (!cursor) return [];
  return cursor.cpus ?? (cursor.running ? [cursor.running] : []);
}

/** Whether packets run through the entry program: not for a type Tailscope only checks. */
function entryRuns(build: BuildSummary, entry: string | null): boolean {
  const type = build.programs.find((p) => p.name === entry)?.type;
  return type !== undefined && runnable(type);
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
  /** The graph pane's width over its height: the layout picks the arrangement that fills it best. */
  readonly aspect?: number;
  /** Programs and maps a tour's stop points at, by name. */
  readonly spotlight?: readonly string[];
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

/** A prog array's slots at the cursor, from the map's bytes there; before a run, as loaded. */
function slotsAt(map: MapSummary, cursor: CursorView | null): ProgArrayNodeData["slots"] {
  const entries = cursor?.maps[map.name]?.entries;
  if (!entries) return map.slots;
  return entries.flatMap((entry) =>
    "program" in entry ? [{ index: littleEndianIndex(entry.key), program: entry.program }] : [],
  );
}

/** Per-CPU rows drawn in full up to this many CPUs; beyond, a few rows and a heat map. */
export const FULL_GRID_CPUS = 4;

/**
 * The rows of a map's grid: a shared map has one; a per-CPU map one per CPU while they are few,
 * else the followed CPU's (the one whose statements write), the rest as a heat map. Always as
 * many rows for a CPU count, so stepping never changes the node's size or the layout.
 */
export function mapRows(map: MapSummary, cpus: number, followed: number | null): MapRows {
  if (!map.perCpu) return { rows: [null], heat: [] };
  const all = Array.from({ length: cpus }, (_, cpu) => cpu);
  if (cpus <= FULL_GRID_CPUS) return { rows: all, heat: [] };
  const row = followed !== null && followed < cpus ? followed : 0;
  return { rows: [row], heat: all.filter((cpu) => cpu !== row) };
}

function cpuChips(cpus: number, busy: readonly InFlightView[], facts: RunFacts | null): CpuChip[] {
  return Array.from({ length: cpus }, (_, cpu) => {
    const here = busy.find((p) => p.cpu === cpu);
    return {
      cpu,
      running: here ? { packet: here.packet, program: here.programs.at(-1) ?? "" } : null,
      queued: facts ? (facts.queued[cpu] ?? 0) : null,
    };
  });
}

/**
 * The object graph of a build: the CPU strip, a node per program, per prog array and per map;
 * edges from the CPUs to the entry program, hops from program to program through the slots at
 * the cursor, and quiet edges from programs to the maps they use. Laid out by graph-layout.ts.
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
  const slotsOf = (map: string) => slotsByMap.get(map) ?? [];
  const reached = reachableFrom(build, entry, slotsOf);
  const lit = new Set(moment.spotlight ?? []);
  const spot = (name: string) => (lit.has(name) ? { spotlight: true } : {});
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const origin = { x: 0, y: 0 };
  const busy = inFlight(cursor);
  const followed = cursor?.running?.cpu ?? null;
  const density = cpuDensity(cpus);
  const chips = cpuChips(cpus, busy, facts);
  const strip = (placement: StripPlacement): GraphNode => ({
    id: CPUS_NODE_ID,
    type: "cpus",
    position: origin,
    data: {
      chips,
      density,
      perRow: cpusPerRow(cpus, density, placement),
      placement,
      entry,
      entryRuns: entryRuns(build, entry),
      followed,
    },
  });
  nodes.push(strip("above"));
  for (const program of build.programs)
    nodes.push({
      id: programNodeId(program.name),
      type: "program",
      position: origin,
      data: {
        program,
        isEntry: program.name === entry,
        unreached: !reached.has(program.name),
        checkedOnly: !runnable(program.type),
        activeCpu: activeCpuIn(program.name, cursor, busy),
        activeCpus: busy.filter((p) => p.programs.at(-1) === program.name).map((p) => p.cpu),
        failedTailCall: failedTailCallFrom(program.name, cursor),
        lastEnd: facts?.lastEnd.get(program.name) ?? null,
        ...spot(program.name),
      },
    });
  const mapNames = new Set(build.maps.map((m) => m.name));
  for (const map of build.maps) {
    if (map.typeName === "prog_array") {
      const programs = build.programs.map((p) => p.name);
      nodes.push({
        id: mapNodeId(map.name),
        type: "progArray",
        position: origin,
        data: { map, slots: slotsOf(map.name), programs, ...spot(map.name) },
      });
      continue;
    }
    if (map.holds) {
      const data = { ...mapOfMapsData(build, map, cursor), ...spot(map.name) };
      nodes.push({ id: mapNodeId(map.name), type: "mapOfMaps", position: origin, data });
      edges.push(...holdsEdges(map, cursor, mapNames));
    } else {
      const values = valuesOf(cursor?.maps ?? report?.maps ?? null, map.name);
      const before = changedFrom(previous?.maps ?? null, cursor?.maps ?? null, map.name);
      nodes.push({
        id: mapNodeId(map.name),
        type: "map",
        position: origin,
        data: {
          map,
          cpus,
          values,
          before,
          shown: shownKeys(map, values, before),
          undone: backward,
          grid: mapRows(map, cpus, followed),
          lit: followed,
          ...spot(map.name),
        },
      });
    }
    for (const program of build.programs)
      if (program.maps.includes(map.name))
        edges.push({
          id: `uses:${program.name}:${map.name}`,
          source: programNodeId(program.name),
          sourceHandle: "maps",
          target: mapNodeId(map.name),
          targetHandle: "top",
          kind: "uses",
        });
  }
  const hops = hopsOf(build, slotsOf);
  const { columns } = hopColumns(
    build.programs.map((p) => p.name),
    entry,
    hops,
  );
  addHopEdges(hops, columns, nodes, edges);
  lightTrails(edges, cursor, busy);
  // The CPUs above the programs, beside them or over the entry: whichever frames larger.
  const attach = (placement: StripPlacement): GraphEdge[] =>
    entry
      ? [
          {
            id: "attach",
            source: CPUS_NODE_ID,
            target: programNodeId(entry),
            targetHandle: placement === "beside" ? "in" : "attach",
            kind: "attach",
          },
        ]
      : [];
  // Maps under the programs, or in a column right of them: whichever frames larger too. In
  // a column, a map of maps' edges bracket the maps it holds on their left.
  const sideways = (mapsRight: boolean): GraphEdge[] =>
    edges.map((edge) =>
      !mapsRight
        ? edge
        : edge.kind === "uses"
          ? { ...edge, sourceHandle: "out", targetHandle: "side" }
          : edge.kind === "holds"
            ? { ...edge, sourceHandle: "holds-left" }
            : edge,
    );
  const aspect = moment.aspect && Number.isFinite(moment.aspect) && moment.aspect > 0 ? moment.aspect : 1.8;
  const variant = (placement: StripPlacement, mapsRight: boolean) => ({
    nodes: [strip(placement), ...nodes.slice(1)],
    edges: [...attach(placement), ...sideways(mapsRight)],
  });
  const chosen = arrangement(nodes, columns, edges, aspect, variant);
  const laid = variant(chosen.placement, chosen.mapsRight);
  return {
    // A self hop's spacer the layout left unplaced is not needed there.
    nodes: laid.nodes
      .filter((node) => node.type !== "spacer" || chosen.positions.has(node.id))
      .map((node) => ({ ...node, position: chosen.positions.get(node.id) ?? origin }) as GraphNode),
    edges: laid.edges,
  };
}

/** One way to lay the graph out: where the CPU strip stands, where the maps go, and the places. */
interface Arrangement {
  readonly placement: StripPlacement;
  readonly mapsRight: boolean;
  readonly positions: ReadonlyMap<string, { x: number; y: number }>;
}

/**
 * The chosen arrangements, by the graph's shape (node ids and sizes, columns, edges) and the
 * pane's aspect: a cursor move changes what nodes show, not the shape, so stepping neither lays
 * out nor chooses again.
 */
const arrangements = new Map<string, Arrangement>();

/**
 * The arrangement that frames largest in a pane of this aspect: the CPUs above the programs,
 * beside them or over the entry, the maps under them or right of them. The first (CPUs above,
 * maps below: the story read top-down) unless another is clearly larger.
 */
function arrangement(
  nodes: readonly GraphNode[],
  columns: readonly (readonly string[])[],
  edges: readonly GraphEdge[],
  aspect: number,
  variant: (placement: StripPlacement, mapsRight: boolean) => { nodes: GraphNode[]; edges: GraphEdge[] },
): Arrangement {
  const key = JSON.stringify([
    nodes.map((node) => [node.id, nodeSize(node)]),
    columns,
    edges.map((e) => e.id),
    aspect,
  ]);
  const known = arrangements.get(key);
  if (known) return known;
  const placements: StripPlacement[] = ["above", "stacked", "beside"];
  const tried = [false, true]
    .flatMap((mapsRight) => placements.map((placement) => ({ placement, mapsRight })))
    .map(({ placement, mapsRight }) => {
      const laid = variant(placement, mapsRight);
      const positions = layoutGraph(laid.nodes, columns, laid.edges, mapsRight);
      return { placement, mapsRight, positions, zoom: frameZoom(laid.nodes, positions, aspect) };
    });
  const best = tried.reduce((a, b) => (b.zoom > a.zoom * 1.03 ? b : a));
  // A few shapes kept (a CPU count or a pane size each), so going back to one costs nothing.
  if (arrangements.size >= 16) arrangements.delete(arrangements.keys().next().value as string);
  const chosen = { placement: best.placement, mapsRight: best.mapsRight, positions: best.positions };
  arrangements.set(key, chosen);
  return chosen;
}

/** How large a layout would show in a pane of this aspect (its height taken as 1). */
function frameZoom(
  nodes: readonly GraphNode[],
  positions: ReadonlyMap<string, { x: number; y: number }>,
  aspect: number,
) {
  let right = 0;
  let bottom = 0;
  for (const node of nodes) {
    const at = positions.get(node.id);
    if (!at) continue;
    const size = nodeSize(node);
    right = Math.max(right, at.x + size.width);
    bottom = Math.max(bottom, at.y + size.height);
  }
  return Math.min(aspect / Math.max(1, right), 1 / Math.max(1, bottom));
}

/**
 * The hops each packet in flight has made so far, lit in its CPU's colour: the path of the
 * followed packet (and, interleaved, of every other CPU's) through the chain stays visible.
 */
function lightTrails(edges: GraphEdge[], cursor: CursorView | null, busy: readonly InFlightView[]): void {
  const followed = cursor?.running ?? null;
  const packets = followed ? [followed, ...busy.filter((p) => p.cpu !== followed.cpu)] : busy;
  const lit = new Map<string, { from: string; to: string; cpu: number }>();
  for (const packet of packets) {
    // The k-th tail call that jumped took the packet from its k-th program to the next.
    let jumped = 0;
    for (const call of packet.tailCalls ?? []) {
      if (call.outcome !== "jumped") continue;
      jumped++;
      const from = packet.programs[jumped - 1];
      const to = packet.programs[jumped];
      const pair = `${from}\u0000${to}`;
      if (from !== undefined && to !== undefined && !lit.has(pair))
        lit.set(pair, { from, to, cpu: packet.cpu });
    }
  }
  for (const edge of edges) {
    if (edge.kind !== "hop") continue;
    for (const hop of lit.values())
      if (carries(edges, edge, programNodeId(hop.from), programNodeId(hop.to))) {
        edge.trail = hop.cpu;
        break;
      }
  }
}

/** Whether a hop edge carries the hop between two program nodes (directly, or half of it through a junction). */
function carries(edges: readonly GraphEdge[], edge: GraphEdge, from: string, to: string): boolean {
  if (edge.source === from && edge.target === to) return true;
  if (edge.source === from && edge.target.startsWith("junction:"))
    return edges.some((e) => e.source === edge.target && e.target === to);
  if (edge.target === to && edge.source.startsWith("junction:"))
    return edges.some((e) => e.target === edge.source && e.source === from);
  return false;
}

/** An edge per pair of programs a hop joins, labelled with its slots; shared fan-outs through a junction. */
function addHopEdges(
  hops: readonly Hop[],
  columns: readonly (readonly string[])[],
  nodes: GraphNode[],
  edges: GraphEdge[],
): void {
  const pairs = new Map<string, Hop[]>();
  for (const hop of hops) {
    const key = `${hop.from}\u0000${hop.to}`;
    pairs.set(key, [...(pairs.get(key) ?? []), hop]);
  }
  sharedFanOuts(columns, pairs).forEach((group, index) => {
    const id = `junction:${index}`;
    nodes.push({ id, type: "junction", position: { x: 0, y: 0 }, data: { label: group.sources.join(", ") } });
    for (const from of group.sources) {
      edges.push({
        id: `hop:${from}:${id}`,
        source: programNodeId(from),
        target: id,
        kind: "hop",
        joins: true,
      });
      for (const to of group.targets) pairs.delete(`${from}\u0000${to}`);
    }
    for (const to of group.targets) {
      const label = slotLabel(hops.filter((h) => h.to === to && group.sources.includes(h.from)));
      edges.push({ id: `hop:${id}:${to}`, source: id, target: programNodeId(to), kind: "hop", label });
    }
  });
  for (const [key, between] of pairs) {
    const [from, to] = key.split("\u0000");
    if (from === to) nodes.push({ id: `loop:${from}`, type: "spacer", position: { x: 0, y: 0 }, data: {} });
    edges.push({
      id: `hop:${from}:${to}`,
      source: programNodeId(from),
      target: programNodeId(to),
      kind: "hop",
      label: slotLabel(between),
    });
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
