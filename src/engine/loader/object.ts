import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";
import {
  BPF_MAP_TYPE_ARRAY,
  BPF_MAP_TYPE_ARRAY_OF_MAPS,
  BPF_MAP_TYPE_BLOOM_FILTER,
  BPF_MAP_TYPE_CPUMAP,
  BPF_MAP_TYPE_DEVMAP,
  BPF_MAP_TYPE_DEVMAP_HASH,
  BPF_MAP_TYPE_HASH,
  BPF_MAP_TYPE_HASH_OF_MAPS,
  BPF_MAP_TYPE_LPM_TRIE,
  BPF_MAP_TYPE_LRU_HASH,
  BPF_MAP_TYPE_LRU_PERCPU_HASH,
  BPF_MAP_TYPE_PERCPU_ARRAY,
  BPF_MAP_TYPE_PERCPU_HASH,
  BPF_MAP_TYPE_PERF_EVENT_ARRAY,
  BPF_MAP_TYPE_PROG_ARRAY,
  BPF_MAP_TYPE_QUEUE,
  BPF_MAP_TYPE_RINGBUF,
  BPF_MAP_TYPE_STACK,
  BPF_MAP_TYPE_XSKMAP,
} from "../target/kernel";
import type { CType } from "../types/ctypes";
import type { FunctionSymbol, VariableSymbol } from "../types/symbols";
import type { ProgramKind } from "./sections";

/** Map types Tailscope runs, named as the run report names them (`BPF_MAP_TYPE_PERCPU_ARRAY` → `percpu_array`). */
export const mapTypeNames: Readonly<Record<number, string>> = {
  [BPF_MAP_TYPE_HASH]: "hash",
  [BPF_MAP_TYPE_ARRAY]: "array",
  [BPF_MAP_TYPE_PROG_ARRAY]: "prog_array",
  [BPF_MAP_TYPE_PERCPU_HASH]: "percpu_hash",
  [BPF_MAP_TYPE_PERCPU_ARRAY]: "percpu_array",
  [BPF_MAP_TYPE_LRU_HASH]: "lru_hash",
  [BPF_MAP_TYPE_LRU_PERCPU_HASH]: "lru_percpu_hash",
  [BPF_MAP_TYPE_LPM_TRIE]: "lpm_trie",
  [BPF_MAP_TYPE_ARRAY_OF_MAPS]: "array_of_maps",
  [BPF_MAP_TYPE_HASH_OF_MAPS]: "hash_of_maps",
  [BPF_MAP_TYPE_QUEUE]: "queue",
  [BPF_MAP_TYPE_STACK]: "stack",
  [BPF_MAP_TYPE_BLOOM_FILTER]: "bloom_filter",
  [BPF_MAP_TYPE_RINGBUF]: "ringbuf",
  [BPF_MAP_TYPE_PERF_EVENT_ARRAY]: "perf_event_array",
  [BPF_MAP_TYPE_DEVMAP]: "devmap",
  [BPF_MAP_TYPE_DEVMAP_HASH]: "devmap_hash",
  [BPF_MAP_TYPE_CPUMAP]: "cpumap",
  [BPF_MAP_TYPE_XSKMAP]: "xskmap",
};

export interface ProgArraySlot {
  readonly index: number;
  readonly program: string;
  readonly span: Span;
}

/** A map of maps' static initialisation, `.values = { [i] = &inner }`. */
export interface InnerMapSlot {
  readonly index: number;
  readonly map: string;
  readonly span: Span;
}

/** A map as libbpf creates it from a `SEC(".maps")` (or legacy `SEC("maps")`) definition. */
export interface MapDefinition {
  readonly name: string;
  /** `enum bpf_map_type` value. */
  readonly type: number;
  readonly typeName: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  /** `map_extra` (a bloom filter's number of hash functions). */
  readonly extra: number;
  /** Where the value's `struct bpf_spin_lock` member is (from its BTF type), or null. */
  readonly spinLockOffset: number | null;
  /** The key and value C types when the definition gives them (`__type(key, …)`), for decoding. */
  readonly keyType: CType | null;
  readonly valueType: CType | null;
  /** Static prog-array initialisation, `.values = { [i] = &prog }`, in index order. */
  readonly initialSlots: readonly ProgArraySlot[];
  /**
   * A map of maps: the inner map it was created with (libbpf's `outer.inner`, from the
   * `__array(values, struct …)` type), which every map put in it must match; the verifier
   * types lookups through it. Null for any other map.
   */
  readonly inner: MapDefinition | null;
  /** A map of maps' static initialisation, in index order. */
  readonly initialInnerMaps: readonly InnerMapSlot[];
  readonly symbol: VariableSymbol;
  readonly span: Span;
}

export interface ProgramDefinition {
  readonly name: string;
  readonly section: string;
  readonly kind: ProgramKind;
  readonly symbol: FunctionSymbol;
  readonly span: Span;
}

/** A global variable in `.bss`, `.data`, `.rodata` (or `.data.*`), with its initial bytes. */
export interface GlobalVariable {
  /** As the run report names it: the C name, or `function.name` for a `static` local. */
  readonly name: string;
  readonly section: string;
  readonly type: CType;
  readonly initial: Uint8Array;
  /** No initialiser wrote a byte: `initial` is all zeros (a `.bss` array need not be read to know). */
  readonly zeroInitialised: boolean;
  readonly symbol: VariableSymbol;
  /** A `static` local such as the format string `bpf_printk` declares. */
  readonly staticLocal: boolean;
}

/** What loading an object gives: its maps, programs and globals, or the reasons it fails. */
export interface LoadedObject {
  readonly maps: MapDefinition[];
  readonly programs: ProgramDefinition[];
  readonly globals: GlobalVariable[];
  /** Helper pointers (`bpf_map_lookup_elem` …) by variable, with the kernel's helper id. */
  readonly helpers: Map<VariableSymbol, number>;
  /** Each prog array's owner kind, where a program uses it or sits in it (kernel-facts §1.8). */
  readonly progArrayOwners: Map<string, ProgramKind>;
  readonly license: string | null;
  readonly diagnostics: Diagnostic[];
}
