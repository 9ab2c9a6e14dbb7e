import { cpuColor } from "../graph/cpu-colors";

const styled = new Set<number>();

/**
 * The class names that mark a CPU's current line in the editor, in that CPU's colour. Monaco
 * decorations take class names, not colours, so each CPU's rules are added once, on first use.
 */
export function cpuLineClasses(cpu: number): { line: string; glyph: string } {
  if (!styled.has(cpu)) {
    styled.add(cpu);
    const color = cpuColor(cpu);
    const style = document.createElement("style");
    style.dataset.cpuLine = String(cpu);
    style.textContent = `.cpu-line-${cpu} { background: color-mix(in srgb, ${color} 22%, transparent); }
.cpu-glyph-${cpu} { background: ${color}; }`;
    document.head.append(style);
  }
  return { line: `cpu-current-line cpu-line-${cpu}`, glyph: `cpu-current-glyph cpu-glyph-${cpu}` };
}
