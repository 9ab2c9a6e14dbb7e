import type { Span } from "../source/source-file";
import type { CType } from "../types/ctypes";
import type { FunctionSymbol } from "../types/symbols";
import type { MapImpl } from "./maps/map";
import type { Pointer } from "./memory";

/** `&map` in a program: the map itself (a helper's map argument). */
export interface MapHandle {
  readonly kind: "map";
  readonly name: string;
  readonly map: MapImpl;
}

/** A function designator: a subprogram, or a helper reached through libbpf's `(void *) ID` pointer. */
export interface FunctionHandle {
  readonly kind: "function";
  readonly symbol: FunctionSymbol | null;
  readonly helperId: number | null;
}

/**
 * A C value at run time. Integers of up to 32 bits are JS numbers (already wrapped to their
 * type); 64-bit integers are bigints; pointers are a region and an offset (or null for NULL);
 * a struct or union value is its bytes.
 */
export type Value = number | bigint | Pointer | MapHandle | FunctionHandle | null | Uint8Array;

/**
 * Something a kernel would have refused or that cannot go on: it ends the packet's run with a
 * message at the source line. Thrown from deep inside an expression and caught at the one
 * place that dispatches statements, where it becomes the report's `fault`.
 */
export class RuntimeFault {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

/**
 * Thrown by an observer to stop the machine in the middle of a statement (time travel pausing
 * inside a bpf2bpf call); the machine is left mid-run and must be restored before it goes on.
 */
export class ObserverStop<T = unknown> {
  constructor(readonly payload: T) {}
}

/**
 * Thrown by a successful `bpf_tail_call` inside an expression, to skip the rest of it: nothing
 * after the call runs. It carries nothing: the run's `pendingTailCall` names the program, as it
 * does for a tail call that is a whole statement (which needs no unwinding).
 */
export const UNWIND_FOR_TAIL_CALL = Object.freeze({ unwinding: "tail call" });

/**
 * Thrown by an LD_ABS/LD_IND load that reaches past the packet: the kernel ends the function it
 * is in (the nearest frame that is not inlined), which returns 0 (net/core/filter.c
 * bpf_gen_ld_abs emits that hidden exit).
 */
export const UNWIND_FOR_PACKET_LOAD_EXIT = Object.freeze({ unwinding: "LD_ABS past the packet" });

/**
 * Thrown by bpf_spin_lock when another CPU holds the lock: the CPU spins, running the statement
 * again at its next turn (the interleaved schedule; in the sequential one no other packet is in
 * flight to hold it).
 */
export const UNWIND_FOR_SPIN = Object.freeze({ unwinding: "spinning on a held bpf_spin_lock" });

/** A helper's map argument, or a fault as the verifier would have refused it. */
export function isMapHandle(value: Value | undefined): value is MapHandle {
  return typeof value === "object" && value !== null && "kind" in value && value.kind === "map";
}

export function mapArgument(value: Value, helper: string, span: Span): MapHandle {
  if (isMapHandle(value)) return value;
  throw new RuntimeFault(`${helper}: the map argument is not a map`, span);
}

export function isPointer(value: Value): value is Pointer {
  return typeof value === "object" && value !== null && "region" in value;
}

/** How a type's values are held: `small` numbers, `wide` bigints, pointers, or struct bytes. */
export type Representation = "small" | "wide" | "pointer" | "bytes" | "void";

export function representation(type: CType): Representation {
  switch (type.kind) {
    case "int":
      return type.size <= 4 ? "small" : "wide";
    case "enum":
      return type.info.underlying.size <= 4 ? "small" : "wide";
    case "pointer":
    case "function":
    case "array":
      return "pointer";
    case "record":
      return "bytes";
    case "void":
      return "void";
    case "float":
      return "small";
  }
}
