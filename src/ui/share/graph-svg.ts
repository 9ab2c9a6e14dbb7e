import { type GraphEdge, type GraphNode, nodeSize } from "../../state/derive/graph";
import { SLOT_ROW, slotRows } from "../../state/derive/graph-metrics";
import { gridValues } from "../../state/derive/map-grid";
import { lastEndText } from "../../state/derive/run-facts";
import { cpuColor } from "../graph/cpu-colors";

/** The colours of the theme the export is drawn in. */
export interface SvgPalette {
  readonly background: string;
  readonly surface: string;
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly accent: string;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const MARGIN = 24;
const LINE = 16;
const SLOT_TOP = 46;

/** Text made safe for SVG character data and attribute values. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The text lines a node shows, as its component on screen shows them, title first. */
export function nodeLines(node: GraphNode): { title: string; lines: string[] } {
  switch (node.type) {
    case "cpus": {
      const { data } = node;
      const described = data.chips.length <= 2 ? data.chips : data.chips.filter((c) => c.running).slice(0, 2);
      const lines = described.map((chip) => {
        const doing = chip.running
          ? `packet ${chip.running.packet} · in ${chip.running.program}`
          : !data.entry
            ? "no entry program"
            : data.entryRuns
              ? `runs ${data.entry}`
              : `${data.entry}: checked, not run`;
        const queue = chip.queued !== null ? ` · queue: ${chip.queued}` : "";
        return `CPU ${chip.cpu}: ${doing}${queue}`;
      });
      if (data.chips.length > 2)
        lines.unshift(
          `${data.chips.length} CPUs${data.entry && data.entryRuns ? `, each runs ${data.entry}` : ""}`,
        );
      return { title: "CPUs", lines };
    }
    case "junction":
    case "spacer":
      return { title: "", lines: [] };
    case "program": {
      const { data } = node;
      const title = `${data.program.name}${data.isEntry ? " · entry" : ""}`;
      // As the node on screen: the section, then who is in it or how it last ended, or why a
      // tail call from it fell through.
      const lines = [`SEC("${data.program.section}")`];
      if (data.program.implements) lines.push(`implements ${data.program.implements}`);
      if (data.failedTailCall)
        lines.push(`tail call ${data.failedTailCall.map}[${data.failedTailCall.key}]`, "fell through");
      else if (data.unreached) lines.push("not reached");
      else if (data.activeCpus.length > 0) lines.push(`CPU ${data.activeCpus.join(", ")} here`);
      else if (data.lastEnd) lines.push(lastEndText(data.lastEnd));
      return { title, lines };
    }
    case "progArray": {
      const { map } = node.data;
      return { title: map.name, lines: [`prog_array · max_entries ${map.maxEntries}`] };
    }
    case "mapOfMaps": {
      const { map, rows, more } = node.data;
      const lines = [`${map.typeName} · max_entries ${map.maxEntries}`];
      for (const row of rows) lines.push(`${row.label} ${row.map ?? "empty"}`);
      if (more > 0) lines.push(`${more} more maps`);
      return { title: map.name, lines };
    }
    case "map": {
      const { map, cpus, shown } = node.data;
      const lines = [
        `${map.typeName} · key ${map.keySize} B · value ${map.valueSize} B · max ${map.maxEntries}`,
      ];
      // Every CPU's copy, not only the rows the screen draws: an export is read at leisure.
      for (const key of shown.keys)
        for (let cpu = 0; cpu < (map.perCpu ? cpus : 1); cpu++) {
          const values = gridValues(node.data, key.hex, map.perCpu ? cpu : null);
          const where = map.perCpu ? `CPU ${cpu} · ${key.heading}` : key.heading;
          lines.push(`${where}: ${values.map((v) => `${v.column} = ${v.now}`).join(", ")}`);
        }
      if (shown.more > 0) lines.push(`${shown.more} more keys with values`);
      return { title: map.name, lines };
    }
  }
}

type At = { x: number; y: number };

/** Where an edge leaves its source and enters its target, as the screen draws it: hops run left to right, the rest top to bottom. */
function ends(edge: GraphEdge, source: Box, target: Box): { from: At; to: At; vertical: boolean } {
  if (edge.kind === "hop" || edge.kind === "holds")
    return {
      from: { x: source.x + source.width, y: source.y + source.height / 2 },
      to: { x: target.x, y: target.y + target.height / 2 },
      vertical: false,
    };
  return {
    from: { x: source.x + source.width / 2, y: source.y + source.height },
    to: { x: target.x + target.width / 2, y: target.y },
    vertical: true,
  };
}

function edgePath(from: At, to: At, vertical: boolean): string {
  if (from.x === to.x - 0 && from.y === to.y) return "";
  if (vertical) {
    const bend = Math.max(20, Math.abs(to.y - from.y) / 2);
    return `M${from.x} ${from.y} C${from.x} ${from.y + bend} ${to.x} ${to.y - bend} ${to.x} ${to.y}`;
  }
  if (to.x <= from.x) {
    // A hop back (or to itself): a loop out to the right and back in.
    return `M${from.x} ${from.y - 12} C${from.x + 70} ${from.y - 60} ${from.x + 70} ${from.y + 60} ${from.x} ${from.y + 12}`;
  }
  const bend = Math.max(40, Math.abs(to.x - from.x) / 2);
  return `M${from.x} ${from.y} C${from.x + bend} ${from.y} ${to.x - bend} ${to.y} ${to.x} ${to.y}`;
}

const edgeDash: Record<GraphEdge["kind"], string> = {
  attach: "4 3",
  hop: "",
  uses: "2 4",
  holds: "",
};

function drawEdge(
  edge: GraphEdge,
  boxes: Map<string, Box>,
  nodes: Map<string, GraphNode>,
  p: SvgPalette,
): string {
  const source = boxes.get(edge.source);
  const target = boxes.get(edge.target);
  if (!source || !target || !nodes.has(edge.source)) return "";
  const { from, to, vertical } = ends(edge, source, target);
  const dash = edgeDash[edge.kind] ? ` stroke-dasharray="${edgeDash[edge.kind]}"` : "";
  const arrow =
    (edge.kind === "hop" && !edge.joins) || edge.kind === "holds" ? ' marker-end="url(#arrow)"' : "";
  const width = edge.kind === "hop" ? 2.5 : 1.2;
  const path = `<path class="edge edge-${edge.kind}" data-edge="${escape(edge.id)}" d="${edgePath(from, to, vertical)}" fill="none" stroke="${p.muted}" stroke-width="${width}"${dash}${arrow}/>`;
  if (!edge.label) return path;
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  // As on screen: the map above its slot, to fit between the columns.
  const split = edge.label.indexOf("[");
  const [top, bottom] = split > 0 ? [edge.label.slice(0, split), edge.label.slice(split)] : [edge.label, ""];
  const text = (line: string, dy: number) =>
    `<text x="${mid.x}" y="${mid.y + dy}" text-anchor="middle" font-size="12" fill="${p.text}">${escape(line)}</text>`;
  return `${path}${bottom ? `${text(top, -16)}${text(bottom, -3)}` : text(top, -4)}`;
}

function borderOf(node: GraphNode, p: SvgPalette): string {
  if (node.type === "program" && node.data.activeCpu !== null) return cpuColor(node.data.activeCpu);
  return p.border;
}

function drawNode(node: GraphNode, box: Box, p: SvgPalette): string {
  if (node.type === "spacer") return `<g class="node node-spacer" data-node="${escape(node.id)}"/>`;
  if (node.type === "junction")
    return `<circle class="node node-junction" data-node="${escape(node.id)}" cx="${box.x + box.width / 2}" cy="${box.y + box.height / 2}" r="4" fill="${p.muted}"/>`;
  const { title, lines } = nodeLines(node);
  const dashed = node.type === "program" && node.data.unreached ? ' stroke-dasharray="5 3"' : "";
  const parts = [
    `<g class="node node-${node.type}" data-node="${escape(node.id)}">`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6" fill="${p.surface}" stroke="${borderOf(node, p)}" stroke-width="2"${dashed}/>`,
    `<text x="${box.x + 10}" y="${box.y + 20}" font-size="14" font-weight="600" fill="${p.text}">${escape(title)}</text>`,
  ];
  lines.forEach((line, i) => {
    parts.push(
      `<text x="${box.x + 10}" y="${box.y + 38 + i * LINE}" font-size="12" fill="${i === 0 ? p.muted : p.text}" xml:space="preserve">${escape(line)}</text>`,
    );
  });
  if (node.type === "progArray")
    slotRows(node.data.map.maxEntries, node.data.slots).forEach((slot, row) => {
      const y = box.y + SLOT_TOP + row * SLOT_ROW + SLOT_ROW / 2 + 4;
      const text = `[${slot.index}] ${slot.program ?? "empty"}`;
      parts.push(
        `<text x="${box.x + 10}" y="${y}" font-size="12" fill="${slot.program ? p.text : p.muted}">${escape(text)}</text>`,
      );
    });
  parts.push("</g>");
  return parts.join("");
}

/** The box a node is drawn in: its laid-out place, tall enough for every line it shows. */
function boxOf(node: GraphNode): Box {
  const size = nodeSize(node);
  const lines = nodeLines(node).lines.length;
  const height = node.type === "progArray" ? size.height : Math.max(size.height, 30 + (lines + 1) * LINE);
  return { x: node.position.x, y: node.position.y, width: size.width, height };
}

/**
 * The whole graph as a standalone vector SVG: every node with the text it shows at the cursor,
 * every edge with its arrow and label, framed to the graph's bounds (not to the screen's view).
 */
export function graphToSvg(
  graph: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] },
  p: SvgPalette,
): string {
  const boxes = new Map(graph.nodes.map((node) => [node.id, boxOf(node)]));
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const all = [...boxes.values()];
  const left = Math.min(0, ...all.map((b) => b.x)) - MARGIN;
  const top = Math.min(0, ...all.map((b) => b.y)) - MARGIN;
  const width = Math.max(0, ...all.map((b) => b.x + b.width)) + MARGIN - left;
  const height = Math.max(0, ...all.map((b) => b.y + b.height)) + MARGIN - top;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${left} ${top} ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${p.muted}"/></marker></defs>`,
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="${p.background}"/>`,
    ...graph.edges.map((edge) => drawEdge(edge, boxes, nodes, p)),
    ...graph.nodes.map((node) => drawNode(node, boxes.get(node.id) as Box, p)),
    "</svg>",
  ].join("\n");
}
