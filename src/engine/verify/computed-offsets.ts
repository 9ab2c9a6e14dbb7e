import type { Expr } from "../syntax/ast";
import { BPF_MAX_VAR_OFF } from "../target/kernel";
import {
  type AbsValue,
  type ContextPointer,
  displace,
  type MapValuePointer,
  type MemoryPointer,
  type PacketPointer,
  S64_MIN,
  type Scalar,
  type SocketPointer,
  tnumOf,
} from "./abstract-values";
import { type Tnum, tnumAdd, tnumConst, tnumMul, tnumText, tnumUnknown } from "./tnum";

/**
 * Accesses through pointers the program moved by values it computed, and through `skb->sk`, as
 * the kernel checks them (check_ptr_off_reg, check_mem_region_access, the sock_common rules).
 * Where the kernel's message starts with or names the register clang chose (R0, R3 …),
 * Tailscope cannot know it and leaves it out.
 */
export interface Problem {
  readonly message: string;
  readonly explanation: string;
}

/** `struct __sk_buff`'s `sk` field (include/uapi/linux/bpf.h). */
export const SKB_SK_OFFSET = 168;

/** The context moved by a variable amount: the kernel adds it to the pointer's var_off. */
export function movedBy(base: ContextPointer, amount: Tnum): ContextPointer {
  return { ...base, variable: base.variable ? tnumAdd(base.variable, amount) : amount };
}

/** A map value pointer moved by `index` elements of `size` bytes, which the program computed. */
export function movedWithin(base: MapValuePointer, index: Scalar, size: number): MapValuePointer {
  if (index.min === index.max) return { ...base, off: base.off + Number(index.min) * size };
  const scale = BigInt(size);
  const before = base.variable ?? { min: 0n, max: 0n };
  const variable = { min: before.min + index.min * scale, max: before.max + index.max * scale };
  return { ...base, variable: index.untracked ? { ...variable, untracked: true } : variable };
}

/**
 * An index split as clang splits it: constant terms (`x + 1`, `2 + x`, `x - 1`) go into the
 * instruction's offset, the rest is what the register holds.
 */
export function splitConstantTerms(
  index: Expr,
  constantOf: (expr: Expr) => bigint | null,
): { variable: Expr; constant: bigint } {
  let variable = index;
  let constant = 0n;
  for (;;) {
    if (variable.kind !== "binary" || (variable.op !== "+" && variable.op !== "-")) break;
    const right = constantOf(variable.right);
    const left = variable.op === "+" ? constantOf(variable.left) : null;
    if (right !== null) {
      constant += variable.op === "+" ? right : -right;
      variable = variable.left;
    } else if (left !== null) {
      constant += left;
      variable = variable.right;
    } else break;
  }
  return { variable, constant };
}

/**
 * The context at an offset the program computed: the kernel first refuses a fixed offset in the
 * register (clang puts a CO-RE field's offset there to index it), then a variable one.
 */
export function contextOffsetProblem(base: ContextPointer): Problem | null {
  const why =
    "The verifier rewrites each context access into a read or write of the kernel's own structure, so the offset must be fixed when the program loads. Use constant indexes (cb[0], cb[1] …), a switch over the few values, or keep the data in a map.";
  if (base.registerOffset)
    return {
      message: `dereference of modified ctx ptr off=${base.registerOffset} disallowed`,
      explanation: `${why} (The kernel's message also names the register clang put the pointer in, such as R3.)`,
    };
  if (base.variable)
    return { message: `variable ctx access var_off=${tnumText(base.variable)} disallowed`, explanation: why };
  return null;
}

/**
 * A map value at an offset the program computed, in the kernel's order: the smallest offset out
 * of the value, no upper bound at all (2^29 or more), the largest offset out of the value. A
 * negative smallest offset is let go: the kernel refuses one ("min value is negative"), but
 * clang often proves an index non-negative where the C does not (an array index may not be
 * negative) and drops the sign, and Tailscope cannot tell when.
 */
export function mapValueOffsetProblem(base: MapValuePointer, size: number): Problem | null {
  const { min, max } = base.variable ?? { min: 0n, max: 0n };
  const off = BigInt(base.off);
  const end = BigInt(base.valueSize);
  const outside = (at: bigint) =>
    `invalid access to map value, value_size=${base.valueSize} off=${at} size=${size}`;
  const bound =
    "Check the index against the array's length first (`if (i >= N) return …;`), on every path to this access, with an unsigned index.";
  if (min <= -BPF_MAX_VAR_OFF && base.variable?.untracked)
    return {
      message: "math between map_value pointer and register with unbounded min value is not allowed",
      explanation: `The verifier knows nothing of this index: a division or remainder by a number that is not a power of two leaves its register unknown. Bound it after the operation (\`if (i >= N) return …;\`), or divide by a power of two.`,
    };
  if (min + off < 0n) return null;
  if (off + min + BigInt(size) > end)
    return {
      message: outside(off + min),
      explanation: `Even the smallest index reaches past the end of the ${base.valueSize}-byte value of ${base.name}.`,
    };
  if (max >= BPF_MAX_VAR_OFF)
    return {
      message: "unbounded memory access, make sure to bounds check any such access",
      explanation: `Nothing bounds the index on this path, so the access could land anywhere past ${base.name}'s value. ${bound}`,
    };
  if (off + max + BigInt(size) > end)
    return {
      message: outside(off + max),
      explanation: `The largest index this path allows reaches past the end of the ${base.valueSize}-byte value of ${base.name}. ${bound}`,
    };
  return null;
}

/**
 * A read through `skb->sk`: NULL until checked (sock_common_or_null), then only the fields
 * every socket has (bpf_sock_common_is_valid_access): inside the 80-byte struct, aligned, not
 * type, protocol, mark or priority.
 */
export function socketAccessProblem(base: SocketPointer, size: number, write: boolean): Problem | null {
  if (base.full) return fullSocketAccessProblem(base, size, write);
  if (base.nullable)
    return {
      message: "invalid mem access 'sock_common_or_null'",
      explanation:
        "skb->sk is NULL when the packet has no socket, and this reads through it before any check on this path. Add `if (!sk) return …;` first. (The kernel's message also names the register clang used.)",
    };
  const off = base.off;
  const readable = off >= 0 && off + size <= 80 && off % size === 0 && (off + size <= 8 || off >= 24);
  if (write || readable) return null;
  return {
    message: `invalid sock_common access off=${off} size=${size}`,
    explanation:
      "Through skb->sk a program may read only the fields every socket has: family, the addresses and ports, state. type, protocol, mark and priority need a full socket (bpf_sk_fullsock). (The kernel's message also names the register clang used.)",
  };
}

/**
 * A read through bpf_sk_fullsock's result: NULL until checked (sock_or_null), then any field
 * of struct bpf_sock, aligned; never a write (bpf_sock_is_valid_access).
 */
function fullSocketAccessProblem(base: SocketPointer, size: number, write: boolean): Problem | null {
  if (base.nullable)
    return {
      message: "invalid mem access 'sock_or_null'",
      explanation:
        "bpf_sk_fullsock returns NULL for a socket that is not a full one (a request or time-wait socket): check it first, `if (!sk) return …;`. (The kernel's message also names the register.)",
    };
  const off = base.off;
  if (write)
    return {
      message: "cannot write into sock",
      explanation:
        "A program reads a socket's fields through struct bpf_sock; it may not write them. (The kernel's message also names the register.)",
    };
  if (off >= 0 && off + size <= 80 && off % size === 0) return null;
  return {
    message: `invalid sock access off=${off} size=${size}`,
    explanation:
      "This reaches outside struct bpf_sock's 80 bytes, or is not aligned to its size. (The kernel's message also names the register.)",
  };
}

/**
 * A read or write through a global function's pointer argument: NULL until checked
 * (mem_or_null), then within the size of the type it points to (check_mem_region_access).
 */
export function memoryAccessProblem(base: MemoryPointer, size: number): Problem | null {
  if (base.nullable && base.ringbuf)
    return {
      message: "invalid mem access 'ringbuf_mem_or_null'",
      explanation:
        "bpf_ringbuf_reserve returns NULL when the ring buffer has no room (or the flags are not 0): check the record before writing to it, `if (!e) return …;`. (The kernel's message also names the register.)",
    };
  if (base.nullable)
    return {
      message: "invalid mem access 'mem_or_null'",
      explanation:
        "A global (non-static) function is verified once, on its own, for every caller: a pointer argument may be NULL there, and this uses it before any check on this path. Add `if (!p) return …;` first, or make the function `static` so that it is checked with what each caller passes. (The kernel's message also names the register.)",
    };
  if (base.off >= 0 && base.off + size <= base.size) return null;
  return {
    message: `invalid access to memory, mem_size=${base.size} off=${base.off} size=${size}`,
    explanation: `The argument points to ${base.size} byte(s), the size of its type, and this reaches past them. (The kernel's message also names the register.)`,
  };
}

/**
 * A packet pointer moved by a computed index (`value` elements of `size` bytes): a new pointer
 * with its own id and no proved range (adjust_ptr_min_max_vals), or the refusal of an index out
 * of the verifier's reach (check_reg_sane_offset).
 */
export function packetMovedBy(
  base: PacketPointer,
  value: Scalar,
  size: number,
  newId: () => number,
): PacketPointer | Problem {
  if (value.min === value.max) return { ...base, off: base.off + Number(value.min) * size };
  const hint = "bound it (`i &= 0xff`, or a check) before adding it to a packet pointer.";
  if (value.min === S64_MIN)
    return {
      message: "math between pkt pointer and register with unbounded min value is not allowed",
      explanation: `The index may be any 64-bit value as far as the verifier knows: ${hint}`,
    };
  const scale = BigInt(size);
  const [min, max] = [value.min * scale, value.max * scale];
  if (min >= BPF_MAX_VAR_OFF || min <= -BPF_MAX_VAR_OFF)
    return {
      message: `value ${min} makes pkt pointer be out of bounds`,
      explanation: `The index may be far outside any packet as far as the verifier knows: ${hint}`,
    };
  const before = base.variable ?? { min: 0n, max: 0n };
  return { ...base, id: newId(), variable: { min: before.min + min, max: before.max + max } };
}

/**
 * The ids of packet pointers moved by a computed index: one per base pointer (with its fixed
 * offset) and index value, so that `data + off` written twice (checked against data_end, then
 * indexed as `data[off]`) is one pointer, as clang computes it once into one register (the
 * kernel's id); `data[off + 1]` is another, as clang computes it again [E] 6.18, clang 14.
 */
export class MovedPacketIds {
  private readonly ids = new WeakMap<Scalar, Map<string, number>>();

  constructor(private readonly next: () => number) {}

  idOf(base: PacketPointer, value: Scalar, size: number): number {
    let ids = this.ids.get(value);
    if (!ids) {
      ids = new Map();
      this.ids.set(value, ids);
    }
    const key = `${base.id ?? 0}:${base.off}:${size}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = this.next();
      ids.set(key, id);
    }
    return id;
  }
}

/**
 * The context moved by `constant + rest` elements of `size` bytes. Clang takes constant terms
 * out of the index into the instruction's offset (`words[(x & 6) + 1]` loads at +4 from
 * ctx + (x & 6) * 4), so only the rest is the register's variable offset, which the kernel prints.
 */
export function contextMovedBy(
  base: ContextPointer,
  constant: number,
  rest: AbsValue,
  size: number,
): ContextPointer {
  const bits = rest.kind === "scalar" ? tnumOf(rest) : tnumUnknown;
  const fixed = displace(base, constant * size) as ContextPointer;
  return movedBy(fixed, tnumMul(bits, tnumConst(BigInt(size))));
}
