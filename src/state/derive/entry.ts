import { type BuildSummary, soleEntry } from "../../engine";

/**
 * The program packets enter, as a run would choose it: the scenario's attached program when
 * the build has it, else the engine's rule (`soleEntry`), so the graph never names an entry the
 * run would not use.
 */
export function entryOf(build: BuildSummary | null, attach: string | null | undefined): string | null {
  if (!build?.loaded) return null;
  if (attach && build.programs.some((p) => p.name === attach)) return attach;
  if (attach) return null;
  const slotted = new Set(build.maps.flatMap((m) => m.slots.map((s) => s.program)));
  return soleEntry(
    build.programs.map((p) => p.name),
    slotted,
  );
}

/**
 * The programs a packet entering `entry` can reach through tail calls, with the prog arrays'
 * slots as given (at the cursor, or as loaded). A tail call whose index the compiler cannot
 * tell may take any slot of its array.
 */
export function reachableFrom(
  build: BuildSummary,
  entry: string | null,
  slotsOf: (map: string) => readonly { readonly index: number; readonly program: string }[],
): ReadonlySet<string> {
  const reached = new Set<string>();
  const pending = entry ? [entry] : [];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    const program = build.programs.find((p) => p.name === name);
    for (const call of program?.tailCalls ?? [])
      for (const slot of slotsOf(call.map))
        if (call.index === null || call.index === slot.index) pending.push(slot.program);
  }
  return reached;
}
