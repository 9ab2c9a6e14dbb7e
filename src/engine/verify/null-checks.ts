import {
  type AbsValue,
  type BtfPointer,
  type MapPointer,
  type MapValuePointer,
  type MemoryPointer,
  type SocketPointer,
  scalar,
} from "./abstract-values";
import type { Environment } from "./environment";

/**
 * A pointer that may be NULL (a lookup's result, a socket, a reservation, a map of maps' inner
 * map) tested for truth: the states where it is not NULL and where it is, every copy of it
 * (same id) updated at once; null for any other value.
 */
export function splitOnNull(value: AbsValue, env: Environment): [Environment, Environment] | null {
  if (
    !(
      value.kind === "map_value" ||
      value.kind === "map_ptr" ||
      value.kind === "sock" ||
      value.kind === "mem" ||
      value.kind === "btf"
    ) ||
    !value.nullable ||
    value.id === undefined
  )
    return null;
  const whenTrue = env.clone();
  whenTrue.updateLookup(value.id, (v) => ({
    ...(v as MapValuePointer | MapPointer | SocketPointer | MemoryPointer | BtfPointer),
    nullable: false,
  }));
  const whenFalse = env.clone();
  whenFalse.updateLookup(value.id, () => scalar(0n));
  // A NULL reservation holds nothing to release.
  whenFalse.references.delete(value.id);
  return [whenTrue, whenFalse];
}
