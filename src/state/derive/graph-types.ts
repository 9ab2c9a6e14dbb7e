import type { MapSummary, ProgramSummary, RunReport } from "../../engine";
import type { ShownKeys } from "./map-keys";
import type { PacketEnd } from "./run-facts";

/** One CPU as the CPU strip shows it at the cursor. */
export interface CpuChip {
  readonly cpu: number;
  /** The packet this CPU is running and the program it is in. */
  readonly running: { readonly packet: number; readonly program: string } | null;
  /** Packets waiting for this CPU (null before a run). */
  readonly queued: number | null;
}

/**
 * How the CPU strip draws its CPUs: a card each while there are few, a small numbered square
 * each beyond (with the followed CPU spelled out above them).
 */
export type CpuDensity = "cards" | "squares";

/**
 * The CPU strip above all the programs (wide); beside them, feeding the entry from the left
 * (narrow); or stacked over the entry program in its column (narrow), where the band has room.
 */
export type StripPlacement = "above" | "beside" | "stacked";

export interface CpusNodeData extends Record<string, unknown> {
  readonly chips: readonly CpuChip[];
  readonly density: CpuDensity;
  /** CPUs per row of the strip. */
  readonly perRow: number;
  /** Where the strip stands (graph-layout.ts). */
  readonly placement: StripPlacement;
  readonly entry: string | null;
  /** Whether packets run through the entry (a checked-only type, a kprobe say, has none). */
  readonly entryRuns: boolean;
  /** The CPU the cursor follows (the one that ran the last statement), if a packet is in flight. */
  readonly followed: number | null;
}

export interface ProgramNodeData extends Record<string, unknown> {
  readonly program: ProgramSummary;
  /** Packets enter here: the attached program. */
  readonly isEntry: boolean;
  /** No packet entering the entry program can get here through the slots at the cursor. */
  readonly unreached: boolean;
  /** A type Tailscope compiles, loads and verifies but runs no packets through (a tracepoint, say). */
  readonly checkedOnly: boolean;
  /** The CPU running this program at the cursor, if any (the one to follow, if several). */
  readonly activeCpu: number | null;
  /** Every CPU in this program at the cursor (interleaved runs can have several). */
  readonly activeCpus: readonly number[];
  /** The last packet that ended in this program by the cursor: its return value or its fault. */
  readonly lastEnd: PacketEnd | null;
  /** The followed packet's last tail call from here, if it fell through: why. */
  readonly failedTailCall: { readonly map: string; readonly key: number; readonly outcome: string } | null;
  /** A tour's stop points at this program. */
  readonly spotlight?: boolean;
}

export interface ProgArrayNodeData extends Record<string, unknown> {
  readonly map: MapSummary;
  /** A tour's stop points at this prog array. */
  readonly spotlight?: boolean;
  /** The slots at the cursor (control-plane actions change them), or as loaded before a run. */
  readonly slots: readonly { readonly index: number; readonly program: string }[];
  /** Programs a slot can be set to. */
  readonly programs: readonly string[];
}

/** One slot of a map of maps as its node lists it: the key, how to read it, the map in it. */
export interface InnerMapRow {
  readonly key: string;
  /** `[2]` for an array's index, the decoded key for a hash's. */
  readonly label: string;
  readonly map: string | null;
}

export interface MapOfMapsNodeData extends Record<string, unknown> {
  readonly map: MapSummary;
  readonly spotlight?: boolean;
  /** The slots at the cursor (control-plane actions change them), or as loaded before a run. */
  readonly rows: readonly InnerMapRow[];
  /** Filled slots not listed (a large map shows a few). */
  readonly more: number;
  /** The maps of the inner map's shape, which a slot can be set to. */
  readonly candidates: readonly string[];
}

/**
 * Which CPUs' copies a per-CPU map node draws as rows: all of them while there are few; beyond
 * that the followed CPU's and the ones the last move wrote, the rest as a heat map.
 */
export interface MapRows {
  /** CPUs drawn as a row each (for a shared map: [null], its single copy). */
  readonly rows: readonly (number | null)[];
  /** CPUs drawn as squares of the heat map, in order. */
  readonly heat: readonly number[];
}

export interface MapNodeData extends Record<string, unknown> {
  readonly map: MapSummary;
  readonly cpus: number;
  /** Values at the cursor, by key (hex): one hex value per CPU, or one for a shared map. */
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
  readonly grid: MapRows;
  /** The CPU whose row is lit (the one running), if any. */
  readonly lit: number | null;
  /** A tour's stop points at this map. */
  readonly spotlight?: boolean;
}

/** A point where hops from several programs meet before fanning out to the same targets. */
export interface JunctionNodeData extends Record<string, unknown> {
  readonly label: string;
}

export interface Point {
  x: number;
  y: number;
}

export type GraphNode =
  | { id: string; type: "cpus"; position: Point; data: CpusNodeData }
  | { id: string; type: "program"; position: Point; data: ProgramNodeData }
  | { id: string; type: "progArray"; position: Point; data: ProgArrayNodeData }
  | { id: string; type: "map"; position: Point; data: MapNodeData }
  | { id: string; type: "mapOfMaps"; position: Point; data: MapOfMapsNodeData }
  | { id: string; type: "junction"; position: Point; data: JunctionNodeData }
  /** Room kept clear for a self hop's loop and label, so framing the graph frames them too. */
  | { id: string; type: "spacer"; position: Point; data: Record<string, never> };

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
  /** A hop's slot (`tail_programs[1]`); several when one edge stands for several slots. */
  label?: string;
  /**
   * attach: the CPUs to the entry program; hop: a tail call through a slot, program to program
   * (or into and out of a junction); uses: a program reads or writes a map; holds: a map of
   * maps to a map in its slots.
   */
  kind: "attach" | "hop" | "uses" | "holds";
  /** A hop into a junction: drawn without an arrow, the arrow is on the way out. */
  joins?: boolean;
  /** A hop a packet in flight has made so far: lit in the colour of its CPU (the followed one's first). */
  trail?: number;
}

/** What the cursor shows: the maps at that step and the packets in flight. */
export interface InFlightView {
  readonly packet: number;
  readonly cpu: number;
  readonly programs: readonly string[];
  readonly tailCalls?: readonly { from: string; map: string; key: number; outcome: string }[];
}

export interface CursorView {
  /** Statements run by the cursor. */
  readonly step?: number;
  readonly maps: RunReport["maps"];
  /** The packet to follow (the one that ran the last statement). */
  readonly running: InFlightView | null;
  /** Every packet in flight, one per busy CPU. */
  readonly cpus?: readonly InFlightView[];
}

export const programNodeId = (name: string) => `program:${name}`;
export const mapNodeId = (name: string) => `map:${name}`;
export const CPUS_NODE_ID = "cpus";
