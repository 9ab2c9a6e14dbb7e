import type { FunctionSymbol } from "../types/symbols";

/**
 * LLVM's intrinsics for the classic BPF packet loads, as the kernel's samples/bpf declare them
 * (`unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte")`):
 * clang emits an LD_ABS instruction for a constant offset and LD_IND for a computed one, not a
 * call. Each reads 1, 2 or 4 bytes at `off` from skb->data, in network byte order.
 */
const intrinsicWidths: Readonly<Record<string, 1 | 2 | 4>> = {
  "llvm.bpf.load.byte": 1,
  "llvm.bpf.load.half": 2,
  "llvm.bpf.load.word": 4,
};

/** The bytes an LD_ABS/LD_IND intrinsic loads, or null for any other function. */
export function ldAbsWidth(fn: FunctionSymbol): 1 | 2 | 4 | null {
  if (fn.definition) return null;
  const label = fn.attributes.find((a) => a.name === "asm")?.args[0];
  if (label?.kind !== "string") return null;
  return intrinsicWidths[String.fromCharCode(...label.bytes)] ?? null;
}
