/** One benchmark figure and the target an issue set for it (lower is better). */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function formatFigure(f: Figure): string {
  const verdict =
    f.target === undefined
      ? ""
      : f.value <= f.target
        ? `  (target ≤ ${f.target} ${f.unit}: met)`
        : `  (target ≤ ${f.target} ${f.unit}: MISSED)`;
  return `${f.name.padEnd(52)} ${f.value.toFixed(2).padStart(10)} ${f.unit}${verdict}`;
}
