import type { Silenced } from "../preprocess/pragmas";
import type { Diagnostic } from "./diagnostic";

/** The clang warning group (`-Wint-conversion` without `-W`) of each warning Tailscope gives. */
const groups: readonly (readonly [group: string, message: RegExp])[] = [
  ["int-conversion", /^incompatible (integer to pointer|pointer to integer) conversion/],
  ["incompatible-pointer-types-discards-qualifiers", / discards qualifiers$/],
  ["incompatible-pointer-types", /^incompatible pointer types/],
  ["pointer-arith", /^arithmetic on a pointer to void/],
  ["implicit-function-declaration", /^implicit declaration of function/],
  ["constant-conversion", /^implicit conversion from .* changes value/],
  ["unused-value", /^expression result unused/],
];

function groupOf(message: string): string | null {
  return groups.find(([, pattern]) => pattern.test(message))?.[0] ?? null;
}

/**
 * The diagnostics without the warnings a `GCC diagnostic ignored` pragma silences where they
 * point (libbpf's BPF_KPROBE passes registers to typed arguments that way).
 */
export function withoutSilenced(
  diagnostics: readonly Diagnostic[],
  silenced: readonly Silenced[],
): Diagnostic[] {
  if (silenced.length === 0) return [...diagnostics];
  const ranges = silenced.map((s) => {
    const from = s.file.position(s.start);
    const to = s.file.position(s.end);
    return { group: s.group, file: s.file.name, from, to };
  });
  const before = (a: { line: number; column: number }, b: { line: number; column: number }) =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return diagnostics.filter((d) => {
    if (d.severity !== "warning") return true;
    const group = groupOf(d.message);
    if (group === null) return true;
    const at = { line: d.line, column: d.column };
    return !ranges.some(
      (r) =>
        (r.group === group || r.group === "everything") &&
        r.file === d.file &&
        before(r.from, at) &&
        before(at, r.to),
    );
  });
}
