/** One hue per CPU, spread around the colour wheel; labels always accompany the colour. */
export function cpuColor(cpu: number): string {
  const hue = (cpu * 137.508 + 200) % 360;
  return `hsl(${hue.toFixed(0)} 70% 55%)`;
}
