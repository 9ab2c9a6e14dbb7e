import { ArrayMap } from "./array";
import { BloomFilterMap } from "./bloom-filter";
import { HashMap } from "./hash";
import { LpmTrieMap } from "./lpm-trie";
import type { MapImpl, MapSpec } from "./map";
import { MapOfMaps } from "./map-of-maps";
import { PerfEventArrayMap } from "./perf-event-array";
import { ProgArrayMap } from "./prog-array";
import { QueueStackMap } from "./queue-stack";
import { RedirectMap } from "./redirect-map";
import { RingBufMap } from "./ringbuf";

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
    case "array_of_maps":
    case "hash_of_maps":
      if (!spec.inner) throw new Error(`map ${spec.name} holds maps but has no inner map`);
      return new MapOfMaps(spec, spec.inner);
    case "queue":
      return new QueueStackMap(spec, false);
    case "stack":
      return new QueueStackMap(spec, true);
    case "bloom_filter":
      return new BloomFilterMap(spec);
    case "lpm_trie":
      return new LpmTrieMap(spec);
    case "devmap":
    case "devmap_hash":
    case "cpumap":
    case "xskmap":
      return new RedirectMap(spec, spec.typeName, cpus);
    case "ringbuf":
      return new RingBufMap(spec);
    case "perf_event_array":
      // libbpf sizes an unsized perf event array to the CPUs (here: the simulated ones).
      return new PerfEventArrayMap(spec.maxEntries ? spec : { ...spec, maxEntries: cpus });
    default:
      throw new Error(`no implementation for map type ${spec.typeName}; the loader should have refused it`);
  }
}
