/**
 * The Linux kernel's numbers that Tailscope copies, each defined once, with the kernel source it
 * comes from (the modelled kernel is 6.18; see kernel-facts.md). A struct's field offsets stay
 * beside the table that lays the struct out; everything one stage shares with another is here.
 */

// ---- Stack, calls and tail calls ----

/** Bytes of stack one BPF frame may use (include/linux/filter.h MAX_BPF_STACK). */
export const MAX_BPF_STACK = 512;

/**
 * A function that makes a tail call from inside a bpf2bpf call may use less than this much stack
 * (kernel/bpf/verifier.c, check_max_stack_depth: the frames of tail-called programs add up).
 */
export const MAX_TAIL_CALL_CALLER_STACK = 256;

/**
 * Successful tail calls allowed per invocation of the entry program (include/linux/bpf.h
 * MAX_TAIL_CALL_CNT): at most 34 programs run in one chain.
 */
export const MAX_TAIL_CALL_CNT = 33;

/** The program's frame and 7 nested bpf2bpf calls (include/linux/bpf_verifier.h MAX_CALL_FRAMES). */
export const MAX_CALL_FRAMES = 8;

/** Arguments a BPF function or helper takes, R1 to R5 (include/linux/bpf.h MAX_BPF_FUNC_ARGS). */
export const MAX_BPF_FUNC_ARGS = 5;

// ---- The verifier ----

/**
 * Instructions the verifier may process for one program before it gives up with "BPF program
 * is too large" (include/linux/bpf.h BPF_COMPLEXITY_LIMIT_INSNS).
 */
export const BPF_COMPLEXITY_LIMIT_INSNS = 1_000_000;

/** A pointer's variable offset must stay below this (include/linux/bpf_verifier.h BPF_MAX_VAR_OFF). */
export const BPF_MAX_VAR_OFF = 1n << 29n;

// ---- Maps ----

/** `enum bpf_map_type` (include/uapi/linux/bpf.h). */
export const BPF_MAP_TYPE_HASH = 1;
export const BPF_MAP_TYPE_ARRAY = 2;
export const BPF_MAP_TYPE_PROG_ARRAY = 3;
export const BPF_MAP_TYPE_PERCPU_HASH = 5;
export const BPF_MAP_TYPE_PERCPU_ARRAY = 6;
export const BPF_MAP_TYPE_LRU_HASH = 9;
export const BPF_MAP_TYPE_LRU_PERCPU_HASH = 10;
export const BPF_MAP_TYPE_LPM_TRIE = 11;
export const BPF_MAP_TYPE_ARRAY_OF_MAPS = 12;
export const BPF_MAP_TYPE_HASH_OF_MAPS = 13;
export const BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4;
export const BPF_MAP_TYPE_DEVMAP = 14;
export const BPF_MAP_TYPE_CPUMAP = 16;
export const BPF_MAP_TYPE_XSKMAP = 17;
export const BPF_MAP_TYPE_QUEUE = 22;
export const BPF_MAP_TYPE_STACK = 23;
export const BPF_MAP_TYPE_DEVMAP_HASH = 25;
export const BPF_MAP_TYPE_RINGBUF = 27;
export const BPF_MAP_TYPE_BLOOM_FILTER = 30;

/** The largest value a per-CPU map may hold per CPU (include/linux/percpu.h PCPU_MIN_UNIT_SIZE). */
export const PCPU_MIN_UNIT_SIZE = 32 * 1024;

/** `bpf_map_update_elem` flags (include/uapi/linux/bpf.h). */
export const BPF_ANY = 0n;
export const BPF_NOEXIST = 1n;
export const BPF_EXIST = 2n;
export const BPF_F_LOCK = 4n;

/** `map_flags` at map creation (include/uapi/linux/bpf.h). */
export const BPF_F_NO_PREALLOC = 1 << 0;
export const BPF_F_NUMA_NODE = 1 << 2;
export const BPF_F_RDONLY = 1 << 3;
export const BPF_F_WRONLY = 1 << 4;
export const BPF_F_ZERO_SEED = 1 << 6;
export const BPF_F_RDONLY_PROG = 1 << 7;
export const BPF_F_WRONLY_PROG = 1 << 8;
/** An array that may stand in a map of maps whose template has another max_entries. */
export const BPF_F_INNER_MAP = 1 << 12;
/** include/linux/bpf.h BPF_F_ACCESS_MASK: the flags any map may take to limit who reads or writes. */
export const BPF_F_ACCESS_MASK = BPF_F_RDONLY | BPF_F_RDONLY_PROG | BPF_F_WRONLY | BPF_F_WRONLY_PROG;

// ---- Helpers ----

/** Helper ids the engine's logic names (include/uapi/linux/bpf.h `___BPF_FUNC_MAPPER`). */
export const BPF_FUNC_tail_call = 12;
export const BPF_FUNC_redirect = 23;

/** Value arguments `bpf_trace_printk` takes (kernel/trace/bpf_trace.c MAX_TRACE_PRINTK_VARARGS). */
export const MAX_TRACE_PRINTK_VARARGS = 3;
/** Value arguments `bpf_trace_vprintk` takes (kernel/bpf/helpers.c MAX_BPRINTF_VARARGS). */
export const MAX_BPRINTF_VARARGS = 12;
/** Size of printk's output buffer, NUL included (include/linux/bpf.h BPF_TRACE_PRINTK_SIZE). */
export const BPF_TRACE_PRINTK_SIZE = 1024;

/** `bpf_redirect`'s flag for the receive path (include/uapi/linux/bpf.h BPF_F_INGRESS). */
export const BPF_F_INGRESS = 1n;

// ---- Contexts ----

/** `sizeof(struct __sk_buff)` and `sizeof(struct xdp_md)` (include/uapi/linux/bpf.h). */
export const SIZEOF_SK_BUFF = 192;
export const SIZEOF_XDP_MD = 24;

// ---- Verdicts ----

/** tc actions (include/uapi/linux/pkt_cls.h). */
export const TC_ACT_OK = 0;
export const TC_ACT_SHOT = 2;
export const TC_ACT_REDIRECT = 7;

/** XDP actions (include/uapi/linux/bpf.h enum xdp_action). */
export const XDP_ABORTED = 0;
export const XDP_DROP = 1;
export const XDP_PASS = 2;
export const XDP_TX = 3;
export const XDP_REDIRECT = 4;
