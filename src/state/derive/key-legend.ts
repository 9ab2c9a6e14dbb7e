import { type Command, keyLabel } from "../commands";

/** One row of the key legend: a key and everything it does, in the registry's words. */
export interface LegendRow {
  readonly keys: string;
  readonly does: string;
}

/** The legend of every key the registry binds, one row per key, in the registry's order. */
export function keyLegend(commands: readonly Command[]): LegendRow[] {
  const rows = new Map<string, string[]>();
  for (const command of commands)
    for (const binding of command.keys) {
      const label = keyLabel(binding);
      rows.set(label, [...(rows.get(label) ?? []), command.does]);
    }
  return [...rows].map(([keys, does]) => ({ keys, does: does.join(", ") }));
}

/**
 * Keys the code editor itself honours: in the editor Tab indents, so Escape first makes the
 * next Tab (or Shift+Tab) leave it.
 */
export const editorKeys: readonly LegendRow[] = [
  { keys: "Esc then Tab", does: "leave the code editor (Shift+Tab: backwards)" },
];
