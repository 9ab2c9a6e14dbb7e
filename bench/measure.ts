/** One benchmark figure and the target an issue set for it (lower is better, unless `atLeast`). */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: number;
  /** The target is a minimum (frames per second), not a maximum. */
  readonly atLeast?: boolean;
}

/** Whether a figure meets its target (true when it has none). */
export function meets(f: Figure): boolean {
  if (f.target === undefined) return true;
  return f.atLeast ? f.value >= f.target : f.value <= f.target;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function formatFigure(f: Figure): string {
  const sign = f.atLeast ? "≥" : "≤";
  const verdict =
    f.target === undefined ? "" : `  (target ${sign} ${f.target} ${f.unit}: ${meets(f) ? "met" : "MISSED"})`;
  return `${f.name.padEnd(52)} ${f.value.toFixed(2).padStart(10)} ${f.unit}${verdict}`;
}
