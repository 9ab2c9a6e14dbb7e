import type { AbsValue } from "./abstract-values";
import type { Problem } from "./computed-offsets";

/** Helpers' (buffer, size) argument pairs, by helper id: the buffer's argument, its size's, and whether it is written. */
const helperBuffers: ReadonlyMap<number, readonly { pointer: number; size: number; write: boolean }[]> =
  new Map([
    [4, [{ pointer: 0, size: 1, write: true }]],
    [9, [{ pointer: 2, size: 3, write: false }]],
    [16, [{ pointer: 0, size: 1, write: true }]],
    [25, [{ pointer: 3, size: 4, write: false }]],
    [26, [{ pointer: 2, size: 3, write: true }]],
    [68, [{ pointer: 2, size: 3, write: true }]],
    [112, [{ pointer: 0, size: 1, write: true }]],
    [113, [{ pointer: 0, size: 1, write: true }]],
    [130, [{ pointer: 1, size: 2, write: false }]],
  ]);

/**
 * A helper's buffers on the stack against the sizes it is given: the kernel checks that the
 * bytes fit in the frame (check_helper_mem_access on the stack), so a size that runs past the
 * frame's top fails the load; a buffer lower in the frame may run into the locals above it.
 * `frameOffset` places a local in its frame (null for one in a register). Each problem comes
 * with the argument it is about.
 */
export function helperBufferProblems(
  id: number,
  args: readonly AbsValue[],
  frameOffset: (buffer: Extract<AbsValue, { kind: "stack" }>) => number | null,
): { arg: number; problem: Problem }[] {
  const problems: { arg: number; problem: Problem }[] = [];
  for (const { pointer, size, write } of helperBuffers.get(id) ?? []) {
    const buffer = args[pointer];
    const length = args[size];
    if (buffer?.kind !== "stack" || length?.kind !== "scalar" || length.max <= 0n) continue;
    const base = frameOffset(buffer);
    if (base === null) continue;
    const off = base + buffer.off;
    if (BigInt(off) + length.max <= 0n) continue;
    const name = buffer.symbol.name;
    problems.push({
      arg: pointer,
      problem: {
        message: `invalid ${write ? "write to" : "read from"} stack R${pointer + 1} off=${off} size=${length.max}`,
        explanation: `The helper is told to ${write ? "write" : "read"} ${length.max} bytes at '${name}', but only ${-off} byte(s) of stack are there: pass at most sizeof(${name}).`,
      },
    });
  }
  return problems;
}

/** How each memory builtin uses its first two arguments. */
export const memoryBuiltins: Readonly<Record<string, readonly ("read" | "write" | null)[]>> = {
  __builtin_memset: ["write", null],
  __builtin_memcpy: ["write", "read"],
  __builtin_memmove: ["write", "read"],
  __builtin_memcmp: ["read", "read"],
};
