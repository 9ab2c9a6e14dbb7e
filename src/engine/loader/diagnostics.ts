import { type Diagnostic, diagnosticAt, type Fix } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";

/** A load-stage diagnostic in libbpf's words (libbpf ≥ 1.6 prints errno names like -E2BIG). */
export function loadError(span: Span, message: string, explanation: string, fix?: Fix): Diagnostic {
  return diagnosticAt(span, {
    severity: "error",
    stage: "load",
    message,
    explanation,
    ...(fix ? { fix } : {}),
  });
}

const ERRNO_TEXT: Readonly<Record<number, string>> = {
  1: "Operation not permitted",
  22: "Invalid argument",
  95: "Operation not supported",
};

/**
 * Why this kernel (or libbpf) will not load a program of this kind, before any verification:
 * an extension with no target program, a BTF-typed program whose target the kernel lacks, or a
 * kind the kernel refuses outright (measured by kind-probe.c: fentry and lsm here).
 */
export function kindRefusal(
  span: Span,
  name: string,
  section: string,
  kind: { attach: string | null; target?: string },
  refusedWith: number,
  targetExists: boolean,
): Diagnostic | null {
  if (section === "freplace" || section.startsWith("freplace/"))
    return loadError(
      span,
      `prog '${name}': attach program FD is not set`,
      "An extension (freplace) program replaces a function of another loaded BPF program: libbpf loads it only once that target is set (bpf_program__set_attach_target), which a scenario cannot do.",
    );
  if (refusedWith !== 0)
    return loadError(
      span,
      `prog '${name}': BPF program load failed: ${ERRNO_TEXT[refusedWith] ?? `errno ${refusedWith}`}`,
      `This kernel refuses every ${kind.attach} program (measured by loading an empty one): it cannot build the BPF trampolines they attach through. Tailscope follows it; a kernel with them would verify the program.`,
    );
  if (kind.target !== undefined && !targetExists)
    return loadError(
      span,
      `prog '${name}': failed to find kernel BTF type ID of '${kind.target}': -3`,
      `libbpf looks '${kind.target}' up in the kernel's BTF to attach the program, and this kernel has no such ${kind.attach === "iter" ? "iterator" : "tracepoint"}.`,
    );
  return null;
}
