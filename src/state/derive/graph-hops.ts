import type { BuildSummary } from "../../engine";

/** A tail call one program can make into another through a prog array's slot, at the cursor. */
export interface Hop {
  readonly from: string;
  readonly to: string;
  readonly map: string;
  readonly slot: number;
}

type SlotsOf = (map: string) => readonly { readonly index: number; readonly program: string }[];

/**
 * Every hop the programs can make with the slots as they are: a tail call with a constant index
 * reaches that slot's program; one whose index the compiler cannot tell, any filled slot. One
 * hop per (caller, map, slot), in the order the code makes its calls.
 */
export function hopsOf(build: BuildSummary, slotsOf: SlotsOf): Hop[] {
  const hops: Hop[] = [];
  const seen = new Set<string>();
  for (const program of build.programs)
    for (const call of program.tailCalls)
      for (const slot of slotsOf(call.map)) {
        if (call.index !== null && call.index !== slot.index) continue;
        const key = `${program.name}\u0000${call.map}\u0000${slot.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hops.push({ from: program.name, to: slot.program, map: call.map, slot: slot.index });
      }
  return hops;
}

/** The label of the hops between one pair of programs: the slots that carry them. */
export function slotLabel(hops: readonly Hop[]): string {
  const byMap = new Map<string, number[]>();
  for (const hop of hops) {
    const slots = byMap.get(hop.map) ?? [];
    if (!slots.includes(hop.slot)) slots.push(hop.slot);
    byMap.set(hop.map, slots);
  }
  return [...byMap].map(([map, slots]) => `${map}[${slots.sort((a, b) => a - b).join(", ")}]`).join(" ");
}

/**
 * Programs in columns by hop depth from the entry (breadth first, a caller's targets in slot
 * order), so every hop of a chain goes one column to the right. Programs no packet reaches are
 * set aside (drawn with the maps, out of the story's way); with no entry, all stand in a column.
 */
export function hopColumns(
  programs: readonly string[],
  entry: string | null,
  hops: readonly Hop[],
): { columns: string[][]; aside: string[] } {
  const columns: string[][] = [];
  const placed = new Set<string>();
  let frontier = entry && programs.includes(entry) ? [entry] : [];
  for (const name of frontier) placed.add(name);
  while (frontier.length > 0) {
    columns.push(frontier);
    const next: string[] = [];
    for (const from of frontier) {
      const targets = hops.filter((h) => h.from === from).sort((a, b) => a.slot - b.slot);
      for (const hop of targets)
        if (!placed.has(hop.to)) {
          placed.add(hop.to);
          next.push(hop.to);
        }
    }
    frontier = next;
  }
  const rest = programs.filter((name) => !placed.has(name));
  if (columns.length === 0) return { columns: rest.length > 0 ? [rest] : [], aside: [] };
  return { columns, aside: rest };
}

/**
 * Groups of callers in one column that all hop to the same two or more programs of the next
 * column: drawn straight, such edges must cross (two callers each reaching two targets), so the
 * picture joins them at a point between the columns and fans out from there.
 */
export function sharedFanOuts(
  columns: readonly (readonly string[])[],
  pairs: ReadonlyMap<string, readonly Hop[]>,
): { sources: string[]; targets: string[] }[] {
  const groups: { sources: string[]; targets: string[] }[] = [];
  for (let c = 0; c + 1 < columns.length; c++) {
    const next = new Set(columns[c + 1]);
    const byTargets = new Map<string, string[]>();
    for (const from of columns[c]) {
      const targets = [...pairs.keys()]
        .filter((key) => key.startsWith(`${from}\u0000`))
        .map((key) => key.slice(from.length + 1))
        .filter((to) => next.has(to));
      if (targets.length < 2) continue;
      const key = targets
        .map((to) => `${to}\u0001${slotLabel(pairs.get(`${from}\u0000${to}`) ?? [])}`)
        .sort()
        .join("\u0000");
      byTargets.set(key, [...(byTargets.get(key) ?? []), from]);
    }
    for (const [key, sources] of byTargets)
      if (sources.length >= 2)
        groups.push({ sources, targets: key.split("\u0000").map((part) => part.split("\u0001")[0]) });
  }
  return groups;
}
