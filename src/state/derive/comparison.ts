import type { MapReport, StateView } from "../../engine";

/** One map value that stands differently in the two runs at the compared point. */
export interface StateDifference {
  readonly map: string;
  readonly key: string;
  /** The value's copy: a CPU's, or null for a shared value. */
  readonly cpu: number | null;
  readonly a: string;
  readonly b: string;
}

/**
 * Where two machines' maps differ, value by value: a per-CPU map copy by copy, a shared map's one
 * value, a prog array's program. A map one run has and the other lacks (after a change of its
 * type, say) is compared as well: an absent copy reads as "—".
 */
export function stateDifferences(a: StateView, b: StateView): StateDifference[] {
  const names = [...new Set([...Object.keys(a.maps), ...Object.keys(b.maps)])].sort();
  const out: StateDifference[] = [];
  for (const map of names) {
    const left = copies(a.maps[map]);
    const right = copies(b.maps[map]);
    for (const place of new Set([...left.keys(), ...right.keys()])) {
      const [key, cpuText] = place.split("/");
      const va = left.get(place) ?? "—";
      const vb = right.get(place) ?? "—";
      if (va !== vb) out.push({ map, key, cpu: cpuText === "" ? null : Number(cpuText), a: va, b: vb });
    }
  }
  return out;
}

/** Every copy of every value: "key/cpu" (cpu empty for a shared value) to its bytes or program. */
function copies(report: MapReport | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of report?.entries ?? []) {
    if ("values" in entry) entry.values.forEach((v, cpu) => out.set(`${entry.key}/${cpu}`, v));
    else
      out.set(`${entry.key}/`, "value" in entry ? entry.value : "map" in entry ? entry.map : entry.program);
  }
  return out;
}
