import type { MapDefinition } from "../loader/object";
import type { VariableSymbol } from "../types/symbols";
import { type Tnum, tnumConst, tnumIntersect, tnumRange, tnumUnknown } from "./tnum";

/**
 * What the verifier knows about a value, in the kernel's register types (include/linux/bpf.h
 * `enum bpf_reg_type`): a scalar with signed bounds, or a pointer of a kind with an offset.
 * `unknown` is Tailscope's own: a value it does not track, which never raises an error.
 */
export type AbsValue =
  | Scalar
  | ContextPointer
  | MapValuePointer
  | PacketPointer
  | { readonly kind: "packet_end" }
  | StackPointer
  | MapPointer
  | SocketPointer
  | MemoryPointer
  | BtfPointer
  /** R0 after bpf_tail_call: the helper returns nothing the program may read. */
  | { readonly kind: "not_init" }
  | { readonly kind: "unknown" };

/**
 * A map: `&map` in the program, or what a lookup in a map of maps gives (the kernel's
 * map_ptr_or_null until checked), typed by the inner map it was created with.
 */
export interface MapPointer {
  readonly kind: "map_ptr";
  readonly map: MapDefinition;
  readonly nullable?: boolean;
  /** Copies of one lookup result share an id, as a map value's do. */
  readonly id?: number;
}

/** A local in the frame, at a fixed offset into it, and possibly an index's bytes on top. */
export interface StackPointer {
  readonly kind: "stack";
  readonly symbol: VariableSymbol;
  readonly off: number;
  /** Bytes added by an index the program computed, as bounds. */
  readonly variable?: { readonly min: bigint; readonly max: bigint };
}

/**
 * A pointer into the packet: `data` at a fixed offset, or moved by an index the program computed.
 * A variable offset makes a new pointer (its own id, as the kernel gives it), whose readable
 * range must be proved again by its own check against data_end.
 */
export interface PacketPointer {
  readonly kind: "packet";
  readonly off: number;
  /** 0 for `data` and what a constant moves it to; else the id of the move that made it. */
  readonly id?: number;
  /** Bytes added by a computed index, as bounds. */
  readonly variable?: { readonly min: bigint; readonly max: bigint };
  /**
   * A pointer into the metadata before the packet (ctx->data_meta, the kernel's pkt_meta):
   * its bytes are proved by a check against `data`, not data_end.
   */
  readonly meta?: boolean;
}

/** The id of data_meta itself (a packet pointer's id 0 is `data`'s). */
export const PACKET_META_ID = -1;

/** The context, at a fixed offset and possibly a variable one. */
export interface ContextPointer {
  readonly kind: "ctx";
  readonly off: number;
  /** An offset known only as a tnum: an index the program computed. */
  readonly variable?: Tnum;
  /**
   * A fixed offset in the pointer's register, not the instruction: clang puts a field's offset
   * there when it indexes a field of a CO-RE struct (vmlinux.h marks them preserve_access_index)
   * by a variable, computing the field's address first.
   */
  readonly registerOffset?: number;
}

export interface Scalar {
  readonly kind: "scalar";
  readonly min: bigint;
  readonly max: bigint;
  /**
   * The bits known whatever the value (the kernel's var_off), when operations give more than
   * the bounds do; worked out only when asked, as only a few messages print them.
   */
  readonly bits?: () => Tnum | null;
  /**
   * The result of an operation the kernel does not track (BPF_DIV, BPF_MOD): unknown in all 64
   * bits, since clang, knowing the value fits its C type, does not extend it again.
   */
  readonly untracked?: boolean;
  /**
   * A packet pointer made unusable by a helper that may move the packet (the kernel's
   * clear_all_pkt_pointers turns it into an unknown scalar): the helper's name, for messages.
   */
  readonly invalidatedBy?: string;
  /**
   * The few constants the value is, one for each path that joined here (a `ret` set to 0, 1 or 3
   * before a `goto out`, an inlined helper's returns). The kernel does not join paths: it checks
   * each one's constant, so a message names one of these, not the range.
   */
  readonly values?: readonly bigint[];
}

/** The constants a scalar is known to be one of, if few. */
export function constantsOf(value: Scalar): readonly bigint[] | null {
  return value.values ?? (value.min === value.max ? [value.min] : null);
}

/** Constants kept apart across joins before they are let go as a range. */
const MAX_JOINED_CONSTANTS = 8;

/** What is known of a scalar's bits: its own tnum, else what its bounds say. */
export function tnumOf(value: Scalar): Tnum {
  if (value.min === value.max) return tnumConst(value.min);
  const fromBounds = value.min >= 0n ? tnumRange(value.min, value.max) : tnumUnknown;
  const bits = value.bits?.();
  return bits ? tnumIntersect(bits, fromBounds) : fromBounds;
}

/**
 * `skb->sk`: the socket, as `struct bpf_sock` shows it, NULL when the packet has none (the
 * kernel's sock_common_or_null until checked). Copies share an id, as a lookup's do.
 */
export interface SocketPointer {
  readonly kind: "sock";
  readonly off: number;
  readonly nullable: boolean;
  readonly id: number;
  /** What bpf_sk_fullsock returned (the kernel's sock): every field readable. */
  readonly full?: boolean;
}

/**
 * A global function's pointer argument: `size` bytes of memory the caller passed, or NULL (the
 * kernel's mem_or_null, btf_prepare_func_args), until the function checks it. The kernel
 * verifies a global function once for every caller, so it cannot know what is passed.
 */
export interface MemoryPointer {
  readonly kind: "mem";
  readonly size: number;
  readonly off: number;
  readonly nullable: boolean;
  readonly id: number;
  /** A ring buffer record from bpf_ringbuf_reserve (ringbuf_mem), a reference to release. */
  readonly ringbuf?: boolean;
}

/**
 * Kernel memory the verifier types from BTF (PTR_TO_BTF_ID): a tp_btf program's pointer
 * arguments, an iterator's fields, and what their pointer members lead to. Reads are allowed
 * (a fault reads zero), writes are not; an iterator's fields may be NULL until checked.
 */
export interface BtfPointer {
  readonly kind: "btf";
  readonly struct: string;
  readonly off: number;
  readonly nullable: boolean;
  readonly id: number;
}

/** A map value (or a global's section, which is an internal array map's value). */
export interface MapValuePointer {
  readonly kind: "map_value";
  /** Name for messages: the map, or `.bss` for a global. */
  readonly name: string;
  readonly valueSize: number;
  readonly off: number;
  /** A lookup result nobody has checked: `map_value_or_null`. */
  readonly nullable: boolean;
  /** Copies of one lookup result share an id: checking one checks them all (the kernel's reg->id). */
  readonly id: number;
  /** Whether a call has happened since the lookup: clang then keeps it in a callee-saved register. */
  readonly saved: boolean;
  /** A variable offset in bytes, from an index the program computed: its bounds. */
  readonly variable?: { readonly min: bigint; readonly max: bigint; readonly untracked?: boolean };
  /**
   * An array lookup with a constant, in-range key on the stack: Linux ≥ 6.13 (as root) knows it
   * cannot fail and drops the NULL (kernel-facts §2.7). Tailscope still asks for the check.
   */
  readonly elidable?: boolean;
  /** A map programs may only read (BPF_F_RDONLY_PROG, which a device map always has). */
  readonly readOnly?: boolean;
  /** Where the value's struct bpf_spin_lock is, when it has one. */
  readonly lockOff?: number;
}

export const S64_MIN = -(1n << 63n);
export const S64_MAX = (1n << 63n) - 1n;
export const U32_MAX = (1n << 32n) - 1n;

export const unknown: AbsValue = { kind: "unknown" };

export function scalar(min: bigint, max: bigint = min): Scalar {
  return { kind: "scalar", min, max };
}

export const anyScalar = scalar(S64_MIN, S64_MAX);

/** The bounds a value of a C integer type can have. */
export function typeRange(size: number, signed: boolean): Scalar {
  const bits = BigInt(size * 8);
  return signed ? scalar(-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n) : scalar(0n, (1n << bits) - 1n);
}

/** What both paths may hold where they meet. */
export function join(a: AbsValue | undefined, b: AbsValue | undefined): AbsValue {
  if (!a || !b) return unknown;
  if (a.kind === "scalar" && b.kind === "scalar" && a.invalidatedBy && b.invalidatedBy)
    return { ...anyScalar, invalidatedBy: a.invalidatedBy };
  if (a.kind === "scalar" && b.kind === "scalar") {
    const joined = scalar(a.min < b.min ? a.min : b.min, a.max > b.max ? a.max : b.max);
    const [mine, theirs] = [constantsOf(a), constantsOf(b)];
    if (!mine || !theirs || joined.min === joined.max) return joined;
    const values = [...new Set([...mine, ...theirs])];
    return values.length <= MAX_JOINED_CONSTANTS ? { ...joined, values } : joined;
  }
  if (a.kind === "map_value" && b.kind === "map_value" && a.id === b.id && a.off === b.off) {
    const joined = { ...a, nullable: a.nullable || b.nullable, saved: a.saved || b.saved };
    if (!a.variable && !b.variable) return joined;
    const [x, y] = [a.variable ?? { min: 0n, max: 0n }, b.variable ?? { min: 0n, max: 0n }];
    return {
      ...joined,
      variable: { min: x.min < y.min ? x.min : y.min, max: x.max > y.max ? x.max : y.max },
    };
  }
  if (a.kind === "sock" && b.kind === "sock" && a.id === b.id && a.off === b.off)
    return { ...a, nullable: a.nullable || b.nullable };
  if (a.kind === "mem" && b.kind === "mem" && a.id === b.id && a.off === b.off)
    return { ...a, nullable: a.nullable || b.nullable };
  if (a.kind === "btf" && b.kind === "btf" && a.id === b.id && a.off === b.off)
    return { ...a, nullable: a.nullable || b.nullable };
  if (a.kind === "map_ptr" && b.kind === "map_ptr" && a.id !== undefined && a.id === b.id)
    return { ...a, nullable: a.nullable || b.nullable };
  if (a.kind === "map_ptr" && a.id !== undefined && isZero(b)) return { ...a, nullable: true };
  if (b.kind === "map_ptr" && b.id !== undefined && isZero(a)) return { ...b, nullable: true };
  if (a.kind === "btf" && isZero(b)) return { ...a, nullable: true };
  if (b.kind === "btf" && isZero(a)) return { ...b, nullable: true };
  if (a.kind === "mem" && isZero(b)) return { ...a, nullable: true };
  if (b.kind === "mem" && isZero(a)) return { ...b, nullable: true };
  if (a.kind === "sock" && isZero(b)) return { ...a, nullable: true };
  if (b.kind === "sock" && isZero(a)) return { ...b, nullable: true };
  // NULL on one path and a lookup result on the other is still "or null".
  if (a.kind === "map_value" && isZero(b)) return { ...a, nullable: true };
  if (b.kind === "map_value" && isZero(a)) return { ...b, nullable: true };
  return sameValue(a, b) ? a : unknown;
}

function sameValue(a: AbsValue, b: AbsValue): boolean {
  switch (a.kind) {
    case "ctx":
      return (
        b.kind === "ctx" &&
        b.off === a.off &&
        b.registerOffset === a.registerOffset &&
        b.variable?.value === a.variable?.value &&
        b.variable?.mask === a.variable?.mask
      );
    case "packet":
      return (
        b.kind === "packet" &&
        b.off === a.off &&
        (b.id ?? 0) === (a.id ?? 0) &&
        !b.meta === !a.meta &&
        b.variable?.min === a.variable?.min &&
        b.variable?.max === a.variable?.max
      );
    case "stack":
      return b.kind === "stack" && b.symbol === a.symbol && b.off === a.off;
    case "map_ptr":
      return b.kind === "map_ptr" && b.map === a.map && b.id === a.id && !b.nullable === !a.nullable;
    case "packet_end":
    case "not_init":
      return b.kind === a.kind;
    default:
      return false;
  }
}

export function isZero(value: AbsValue): boolean {
  return value.kind === "scalar" && value.min === 0n && value.max === 0n;
}

/** A pointer moved by `delta` bytes (a field, an index, pointer arithmetic); other values unchanged. */
export function displace(base: AbsValue, delta: number): AbsValue {
  switch (base.kind) {
    case "ctx":
    case "packet":
    case "map_value":
    case "stack":
    case "sock":
    case "mem":
    case "btf":
      return { ...base, off: base.off + delta };
    default:
      return base;
  }
}
