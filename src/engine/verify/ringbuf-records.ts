import type { Span } from "../source/source-file";
import { type AbsValue, anyScalar, unknown } from "./abstract-values";
import type { Problem } from "./computed-offsets";
import type { Environment } from "./environment";

/**
 * `bpf_ringbuf_reserve(ringbuf, size, flags)`: a record of `size` bytes or NULL (the kernel's
 * ringbuf_mem_or_null), and a reference the path must release with bpf_ringbuf_submit or
 * bpf_ringbuf_discard before the program exits. The size must be a constant (anything else is
 * left unknown here).
 */
export function reserveRecord(
  env: Environment,
  size: AbsValue | undefined,
  id: number,
  span: Span,
): AbsValue {
  if (size?.kind !== "scalar" || size.min !== size.max) return unknown;
  env.references.set(id, span);
  return { kind: "mem", size: Number(size.min), off: 0, nullable: true, id, ringbuf: true };
}

/**
 * `bpf_ringbuf_submit(record, flags)` / `bpf_ringbuf_discard(record, flags)`: the record must be
 * a checked reservation, at its start; it is released, and every copy of the pointer becomes a
 * plain number (release_reference marks them unknown, for a privileged loader).
 */
export function releaseRecord(
  env: Environment,
  record: AbsValue | undefined,
  helper: string,
): Problem | null {
  if (record?.kind !== "mem" || !record.ringbuf) return null;
  if (record.nullable)
    return {
      message: "R1 type=ringbuf_mem_or_null expected=ringbuf_mem",
      explanation: `${helper} takes a record bpf_ringbuf_reserve gave, checked not to be NULL: test it first, \`if (!e) return …;\`.`,
    };
  if (record.off !== 0)
    return {
      message: `R1 must have zero offset when passed to release func`,
      explanation: `${helper} takes the record's start, the pointer bpf_ringbuf_reserve returned, not a pointer into it.`,
    };
  env.references.delete(record.id);
  env.updateLookup(record.id, () => anyScalar);
  return null;
}

/** A reservation still held where the program exits (check_reference_leak). */
export function unreleasedProblem(env: Environment): Problem | null {
  const held = env.references.values().next().value;
  if (!held) return null;
  const { line } = held.file.position(held.start);
  return {
    message: "Unreleased reference",
    explanation: `The record reserved at line ${line} is neither submitted nor discarded on this path: call bpf_ringbuf_submit or bpf_ringbuf_discard before returning. (The kernel's message adds its id and instruction.)`,
  };
}
