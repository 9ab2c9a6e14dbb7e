import type { MapDefinition } from "../loader/object";
import {
  BPF_F_RDONLY_PROG,
  BPF_MAP_TYPE_ARRAY,
  BPF_MAP_TYPE_ARRAY_OF_MAPS,
  BPF_MAP_TYPE_BLOOM_FILTER,
  BPF_MAP_TYPE_CPUMAP,
  BPF_MAP_TYPE_DEVMAP,
  BPF_MAP_TYPE_DEVMAP_HASH,
  BPF_MAP_TYPE_HASH_OF_MAPS,
  BPF_MAP_TYPE_PERCPU_ARRAY,
  BPF_MAP_TYPE_PERF_EVENT_ARRAY,
  BPF_MAP_TYPE_PROG_ARRAY,
  BPF_MAP_TYPE_QUEUE,
  BPF_MAP_TYPE_RINGBUF,
  BPF_MAP_TYPE_STACK,
  BPF_MAP_TYPE_XSKMAP,
} from "../target/kernel";
import type { AbsValue } from "./abstract-values";
import type { Problem } from "./computed-offsets";
import type { Environment } from "./environment";

/**
 * Which helpers a map of each kind may be passed to, and which maps each helper takes, as the
 * kernel checks them at load (kernel/bpf/verifier.c check_map_func_compatibility, and
 * record_func_map for bpf_tail_call). A map of a kind not listed goes to any helper that takes
 * a map; a helper not listed takes any map.
 */
const helpersOfMap: ReadonlyMap<number, ReadonlySet<number>> = new Map([
  // Only bpf_tail_call: a prog array's slots are filled from user space, never by a program.
  [BPF_MAP_TYPE_PROG_ARRAY, new Set([12])],
  // Filled from user space; a program only looks an inner map up.
  [BPF_MAP_TYPE_ARRAY_OF_MAPS, new Set([1])],
  [BPF_MAP_TYPE_HASH_OF_MAPS, new Set([1])],
  [BPF_MAP_TYPE_PERF_EVENT_ARRAY, new Set([22, 25, 55, 111, 121])],
  [BPF_MAP_TYPE_RINGBUF, new Set([130, 131, 134, 198])],
  [BPF_MAP_TYPE_QUEUE, new Set([87, 88, 89])],
  [BPF_MAP_TYPE_STACK, new Set([87, 88, 89])],
  [BPF_MAP_TYPE_BLOOM_FILTER, new Set([87, 89])],
  // Filled from user space; a program looks a device (or socket) up or redirects to it.
  [BPF_MAP_TYPE_DEVMAP, new Set([1, 51])],
  [BPF_MAP_TYPE_DEVMAP_HASH, new Set([1, 51])],
  [BPF_MAP_TYPE_CPUMAP, new Set([51])],
  [BPF_MAP_TYPE_XSKMAP, new Set([1, 51])],
]);

const mapsOfHelper: ReadonlyMap<number, ReadonlySet<number>> = new Map([
  [25, new Set([BPF_MAP_TYPE_PERF_EVENT_ARRAY])],
  [51, new Set([BPF_MAP_TYPE_DEVMAP, BPF_MAP_TYPE_DEVMAP_HASH, BPF_MAP_TYPE_CPUMAP, BPF_MAP_TYPE_XSKMAP])],
  [87, new Set([BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_BLOOM_FILTER])],
  [88, new Set([BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK])],
  [89, new Set([BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_BLOOM_FILTER])],
  [130, new Set([BPF_MAP_TYPE_RINGBUF])],
  [131, new Set([BPF_MAP_TYPE_RINGBUF])],
  [134, new Set([BPF_MAP_TYPE_RINGBUF])],
]);

/** The kernel's refusal of passing a map of `mapType` to helper `id` (named `name`), or null. */
export function mapHelperProblem(id: number, name: string, mapType: number): string | null {
  // record_func_map checks this before the general table, in its own words (with no newline:
  // the kernel's log runs straight on into its "processed … insns" line).
  if (id === 12 && mapType !== BPF_MAP_TYPE_PROG_ARRAY) return "expected prog array map for tail call";
  const helpers = helpersOfMap.get(mapType);
  const maps = mapsOfHelper.get(id);
  if ((helpers && !helpers.has(id)) || (maps && !maps.has(mapType)))
    return `cannot pass map_type ${mapType} into func ${name}#${id}`;
  return null;
}

/** A map passed to a helper that does not take its type, with what to do about it. */
export function mapArgumentProblem(id: number, name: string, map: MapDefinition): Problem | null {
  const message = mapHelperProblem(id, name, map.type);
  if (!message) return null;
  const progArray =
    map.type === BPF_MAP_TYPE_PROG_ARRAY
      ? ": a prog array is only for bpf_tail_call, and its slots are filled from user space"
      : "";
  return {
    message,
    explanation: `${map.name} is a map of type ${map.type}, which ${name} does not take${progArray}.`,
  };
}

/** A map of maps' lookup result passed on before its NULL check. */
export function nullableMapProblem(arg: number, name: string): Problem {
  return {
    message: `R${arg + 1} type=map_ptr_or_null expected=map_ptr`,
    explanation: `A lookup in a map of maps returns NULL when the slot holds no map: check the result before passing it to ${name}.`,
  };
}

/**
 * An array lookup with a constant, in-range key on the stack, which Linux ≥ 6.13 knows cannot
 * fail (kernel-facts §2.7).
 */
export function constantArrayKey(map: MapDefinition, key: AbsValue | undefined, env: Environment): boolean {
  if (map.type !== BPF_MAP_TYPE_ARRAY && map.type !== BPF_MAP_TYPE_PERCPU_ARRAY) return false;
  if (key?.kind !== "stack" || key.off !== 0) return false;
  const value = env.get(key.symbol);
  return (
    value?.kind === "scalar" &&
    value.min === value.max &&
    value.min >= 0n &&
    value.min < BigInt(map.maxEntries)
  );
}

/** A map whose values programs may only read: BPF_F_RDONLY_PROG, set on every device map. */
export function readOnlyToPrograms(map: MapDefinition): boolean {
  return (
    map.type === BPF_MAP_TYPE_DEVMAP ||
    map.type === BPF_MAP_TYPE_DEVMAP_HASH ||
    (map.flags & BPF_F_RDONLY_PROG) !== 0
  );
}
