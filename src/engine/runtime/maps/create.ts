import { ArrayMap } from "./array";
import { HashMap } from "./hash";
import type { MapImpl, MapSpec } from "./map";
import { ProgArrayMap } from "./prog-array";

/** The implementation for a map type, as the loader named it (`percpu_array` …). */
export function createMap(spec: MapSpec, cpus: number): MapImpl {
  switch (spec.typeName) {
    case "array":
      return new ArrayMap(spec, false, cpus);
    case "percpu_array":
      return new ArrayMap(spec, true, cpus);
    case "hash":
      return new HashMap(spec, false, false, cpus);
    case "percpu_hash":
      return new HashMap(spec, true, false, cpus);
    case "lru_hash":
      return new HashMap(spec, false, true, cpus);
    case "lru_percpu_hash":
      return new HashMap(spec, true, true, cpus);
    case "prog_array":
      return new ProgArrayMap(spec);
    default:
      throw new Error(`no implementation for map type ${spec.typeName}; the loader should have refused it`);
  }
}
