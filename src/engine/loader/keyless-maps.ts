import {
  BPF_F_ACCESS_MASK,
  BPF_F_NO_PREALLOC,
  BPF_F_NUMA_NODE,
  BPF_F_RDONLY,
  BPF_F_RDONLY_PROG,
  BPF_F_WRONLY,
  BPF_F_WRONLY_PROG,
  BPF_F_ZERO_SEED,
  BPF_MAP_TYPE_BLOOM_FILTER,
  BPF_MAP_TYPE_CPUMAP,
  BPF_MAP_TYPE_DEVMAP,
  BPF_MAP_TYPE_DEVMAP_HASH,
  BPF_MAP_TYPE_LPM_TRIE,
  BPF_MAP_TYPE_PERF_EVENT_ARRAY,
  BPF_MAP_TYPE_QUEUE,
  BPF_MAP_TYPE_RINGBUF,
  BPF_MAP_TYPE_STACK,
  BPF_MAP_TYPE_XSKMAP,
} from "../target/kernel";

export interface CreationError {
  readonly errno: string;
  readonly why: string;
}

/** Map types whose creation checks are all here (the rest share maps.ts creationError). */
export const ownCreationRules: ReadonlySet<number> = new Set([
  BPF_MAP_TYPE_QUEUE,
  BPF_MAP_TYPE_STACK,
  BPF_MAP_TYPE_BLOOM_FILTER,
  BPF_MAP_TYPE_LPM_TRIE,
  BPF_MAP_TYPE_RINGBUF,
  BPF_MAP_TYPE_PERF_EVENT_ARRAY,
  BPF_MAP_TYPE_DEVMAP,
  BPF_MAP_TYPE_DEVMAP_HASH,
  BPF_MAP_TYPE_CPUMAP,
  BPF_MAP_TYPE_XSKMAP,
]);

/** KMALLOC_MAX_SIZE on x86-64: 1 << (MAX_PAGE_ORDER + PAGE_SHIFT). */
const KMALLOC_MAX_SIZE = 1 << 22;

/** bpf_map_flags_access_ok: a map may not be both read-only and write-only to programs. */
function accessFlagsOk(flags: number): boolean {
  const both = BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG;
  return (flags & both) !== both;
}

/**
 * The creation checks of the maps that hold values without keys (kernel/bpf/queue_stack_maps.c
 * queue_stack_map_alloc_check, bloom_filter.c bloom_map_alloc_check and bloom_map_alloc), and
 * map_create's rule that only a bloom filter takes `map_extra`. Null for any other map type, or
 * when the kernel creates the map.
 */
export function keylessCreationError(
  type: number,
  keySize: number,
  valueSize: number,
  maxEntries: number,
  flags: number,
  extra: number,
): CreationError | null {
  if (extra !== 0 && type !== BPF_MAP_TYPE_BLOOM_FILTER)
    return { errno: "-EINVAL", why: "Only a bloom filter takes map_extra (its number of hash functions)." };
  const queue = type === BPF_MAP_TYPE_QUEUE || type === BPF_MAP_TYPE_STACK;
  if (!queue && type !== BPF_MAP_TYPE_BLOOM_FILTER) return null;
  const kind = queue ? "A queue or stack" : "A bloom filter";
  if (type === BPF_MAP_TYPE_BLOOM_FILTER && valueSize > KMALLOC_MAX_SIZE)
    return { errno: "-E2BIG", why: `${kind}'s value may be at most 4 MiB.` };
  if (keySize !== 0)
    return { errno: "-EINVAL", why: `${kind} holds values without keys: leave out the key (key_size 0).` };
  if (valueSize === 0 || maxEntries === 0)
    return { errno: "-EINVAL", why: "value_size and max_entries must be greater than zero." };
  const allowed = BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK | (queue ? 0 : BPF_F_ZERO_SEED);
  if (flags & ~allowed || !accessFlagsOk(flags))
    return {
      errno: "-EINVAL",
      why: `${kind} takes only the NUMA and access flags${queue ? "" : " and BPF_F_ZERO_SEED"}.`,
    };
  if (!queue && extra & ~0xf)
    return { errno: "-EINVAL", why: "map_extra gives the number of hash functions, at most 15." };
  if (queue && valueSize > KMALLOC_MAX_SIZE)
    return { errno: "-E2BIG", why: `${kind}'s value may be at most 4 MiB.` };
  return null;
}

/** kernel/bpf/lpm_trie.c limits: a key is a u32 prefix length and 1 to 256 bytes of data. */
const LPM_KEY_SIZE_MIN = 4 + 1;
const LPM_KEY_SIZE_MAX = 4 + 256;
/** KMALLOC_MAX_SIZE less the largest data and sizeof(struct lpm_trie_node), 40 bytes. */
const LPM_VAL_SIZE_MAX = KMALLOC_MAX_SIZE - 256 - 40;

/** trie_alloc's checks: BPF_F_NO_PREALLOC is required, key and value within the limits above. */
export function lpmCreationError(
  type: number,
  keySize: number,
  valueSize: number,
  maxEntries: number,
  flags: number,
): CreationError | null {
  if (type !== BPF_MAP_TYPE_LPM_TRIE) return null;
  if (maxEntries === 0) return { errno: "-EINVAL", why: "max_entries must be greater than zero." };
  if (!(flags & BPF_F_NO_PREALLOC))
    return {
      errno: "-EINVAL",
      why: "An LPM trie allocates its nodes as they are added: give it __uint(map_flags, BPF_F_NO_PREALLOC).",
    };
  if (flags & ~(BPF_F_NO_PREALLOC | BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK) || !accessFlagsOk(flags))
    return {
      errno: "-EINVAL",
      why: "An LPM trie takes only BPF_F_NO_PREALLOC, the NUMA and the access flags.",
    };
  if (keySize < LPM_KEY_SIZE_MIN || keySize > LPM_KEY_SIZE_MAX)
    return {
      errno: "-EINVAL",
      why: `An LPM trie's key is a __u32 prefix length and 1 to 256 bytes of data (5 to 260 bytes); this one is ${keySize}.`,
    };
  if (valueSize < 1 || valueSize > LPM_VAL_SIZE_MAX)
    return { errno: "-EINVAL", why: `An LPM trie's value is 1 to ${LPM_VAL_SIZE_MAX} bytes.` };
  return null;
}

const PAGE_SIZE = 4096;

/**
 * The sizes libbpf gives a map before creating it: a ring buffer's max_entries rounded up to a
 * power-of-two number of pages (adjust_ringbuf_sz), a perf event array's 4-byte key and value
 * and, when unsized, a slot per CPU (left 0 here: the machine sizes it to the simulated CPUs).
 */
export function libbpfSizes(
  type: number,
  sizes: { keySize: number; valueSize: number; maxEntries: number },
): { keySize: number; valueSize: number; maxEntries: number } {
  if (type === BPF_MAP_TYPE_RINGBUF && sizes.maxEntries > 0) {
    let size = PAGE_SIZE;
    while (size < sizes.maxEntries && size < 2 ** 31) size *= 2;
    return { ...sizes, maxEntries: size };
  }
  if (type === BPF_MAP_TYPE_PERF_EVENT_ARRAY)
    return { keySize: sizes.keySize || 4, valueSize: sizes.valueSize || 4, maxEntries: sizes.maxEntries };
  return sizes;
}

/** A ring buffer's and a perf event array's creation checks (ringbuf_map_alloc, perf_event_array). */
export function outputMapCreationError(
  type: number,
  keySize: number,
  valueSize: number,
  maxEntries: number,
  flags: number,
): CreationError | null {
  if (type === BPF_MAP_TYPE_RINGBUF) {
    if (flags & ~BPF_F_NUMA_NODE)
      return { errno: "-EINVAL", why: "A ring buffer takes no flags but BPF_F_NUMA_NODE." };
    if (keySize !== 0 || valueSize !== 0)
      return {
        errno: "-EINVAL",
        why: "A ring buffer has no keys or values: give it only max_entries, its size in bytes.",
      };
    if (maxEntries === 0)
      return {
        errno: "-EINVAL",
        why: "A ring buffer's max_entries is its size in bytes: a power of two pages.",
      };
  }
  if (type === BPF_MAP_TYPE_PERF_EVENT_ARRAY && (keySize !== 4 || valueSize !== 4))
    return {
      errno: "-EINVAL",
      why: "A perf event array's keys and values are 4 bytes (a CPU index, a perf event fd).",
    };
  return null;
}

/**
 * The creation checks of the maps bpf_redirect_map sends to (dev_map_alloc_check,
 * cpu_map_alloc, xsk_map_alloc): 4-byte keys; a device map's value is an ifindex (4 bytes) or
 * an ifindex and a program (8), a CPU map's a queue size (4) or one and a program (8), an XSK
 * map's a socket fd (4).
 */
export function redirectMapCreationError(
  type: number,
  keySize: number,
  valueSize: number,
  maxEntries: number,
  flags: number,
): CreationError | null {
  const device = type === BPF_MAP_TYPE_DEVMAP || type === BPF_MAP_TYPE_DEVMAP_HASH;
  if (!device && type !== BPF_MAP_TYPE_CPUMAP && type !== BPF_MAP_TYPE_XSKMAP) return null;
  const values = type === BPF_MAP_TYPE_XSKMAP ? [4] : [4, 8];
  if (maxEntries === 0 || keySize !== 4 || !values.includes(valueSize))
    return {
      errno: "-EINVAL",
      why: `Its key is a 4-byte index and its value ${type === BPF_MAP_TYPE_XSKMAP ? "a 4-byte socket fd" : device ? "an ifindex (4 bytes), or one and a program fd (8)" : "a queue size (4 bytes), or one and a program fd (8)"}; max_entries must be greater than zero.`,
    };
  const allowed = device
    ? BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY
    : BPF_F_NUMA_NODE | (type === BPF_MAP_TYPE_XSKMAP ? BPF_F_ACCESS_MASK : 0);
  if (flags & ~allowed) return { errno: "-EINVAL", why: "It takes only the NUMA (and access) flags." };
  return null;
}
