import type { Diagnostic } from "../diagnostics/diagnostic";
import { E2BIG, EINVAL, ENOTSUPP, errnoName } from "../target/errno";
import { BPF_F_INNER_MAP } from "../target/kernel";
import { loadError } from "./diagnostics";
import type { MapDefinition } from "./object";

/** What a map of maps compares between its inner map and one put in it. */
export interface InnerShape {
  readonly typeName: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
}

/** Map types that cannot be inner maps: the kernel gives them no map_meta_equal (-ENOTSUPP). */
const notInner = new Set(["prog_array", "perf_event_array"]);

/** Whether a map of maps may be created to hold maps of this type. */
export function canBeInnerMap(typeName: string): boolean {
  return !notInner.has(typeName);
}

/**
 * Why the kernel refuses to put `candidate` in a map of maps created with `template`
 * (bpf_map_fd_get_ptr → map_meta_equal), as a negative errno; null when it takes it. Type, key,
 * value and flags must match; an array's max_entries too, unless the template is
 * BPF_F_INNER_MAP (array_map_meta_equal).
 */
export function innerMapRefusal(template: InnerShape, candidate: InnerShape): number | null {
  if (candidate.typeName === "array_of_maps" || candidate.typeName === "hash_of_maps") return -EINVAL;
  if (!canBeInnerMap(candidate.typeName)) return -ENOTSUPP;
  const same =
    template.typeName === candidate.typeName &&
    template.keySize === candidate.keySize &&
    template.valueSize === candidate.valueSize &&
    template.flags === candidate.flags;
  if (!same) return -EINVAL;
  const array = template.typeName === "array" || template.typeName === "percpu_array";
  if (array && !(template.flags & BPF_F_INNER_MAP) && template.maxEntries !== candidate.maxEntries)
    return -EINVAL;
  return null;
}

/** In words, what differs between a map of maps' inner map and one put in it. */
export function innerMapMismatch(template: InnerShape, candidate: InnerShape): string {
  const parts: string[] = [];
  if (template.typeName !== candidate.typeName)
    parts.push(`type ${candidate.typeName}, not ${template.typeName}`);
  if (template.keySize !== candidate.keySize)
    parts.push(`key ${candidate.keySize} bytes, not ${template.keySize}`);
  if (template.valueSize !== candidate.valueSize)
    parts.push(`value ${candidate.valueSize} bytes, not ${template.valueSize}`);
  if (template.flags !== candidate.flags) parts.push(`map_flags ${candidate.flags}, not ${template.flags}`);
  if (template.maxEntries !== candidate.maxEntries)
    parts.push(
      `max_entries ${candidate.maxEntries}, not ${template.maxEntries} (BPF_F_INNER_MAP lets an array differ)`,
    );
  return parts.join("; ");
}

/**
 * libbpf fills a map of maps' static slots after creating it; a slot the kernel refuses (past
 * an array's end, or a map of another shape) fails the whole load.
 */
export function checkInnerMapSlots(maps: readonly MapDefinition[], diagnostics: Diagnostic[]): void {
  const byName = new Map(maps.map((m) => [m.name, m]));
  for (const outer of maps) {
    const template = outer.inner;
    if (!template) continue;
    for (const slot of outer.initialInnerMaps) {
      const candidate = byName.get(slot.map);
      if (!candidate) continue;
      const pastEnd = outer.typeName === "array_of_maps" && slot.index >= outer.maxEntries;
      const refusal = pastEnd ? -E2BIG : innerMapRefusal(template, candidate);
      if (refusal === null) continue;
      diagnostics.push(
        loadError(
          slot.span,
          `map '${outer.name}': failed to initialize slot [${slot.index}] to map '${slot.map}': ${errnoName(refusal)}`,
          pastEnd
            ? `The array of maps has max_entries ${outer.maxEntries}, so slot ${slot.index} does not exist; libbpf fails the whole load.`
            : `Every map put in ${outer.name} must have the shape of its inner map; ${slot.map} has ${innerMapMismatch(template, candidate)}.`,
        ),
      );
    }
  }
}
