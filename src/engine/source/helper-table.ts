import { helperSignatures } from "./helper-signatures";

/**
 * The kernel helpers, by the kernel's helper id: every one libbpf's bpf_helper_defs.h declares
 * (include/uapi/linux/bpf.h `___BPF_FUNC_MAPPER`). The built-in `<bpf/bpf_helper_defs.h>` is
 * generated from this table, and the verifier and the runtime work on the same ids, so a name
 * and its id are written once.
 */
export interface HelperDeclaration {
  readonly id: number;
  readonly name: string;
  /** C return type as libbpf declares it. */
  readonly returns: string;
  /** C parameter list as libbpf declares it. */
  readonly params: string;
  /** Needs a GPL-compatible license (`cannot call GPL-restricted function …`). */
  readonly gplOnly?: boolean;
}

/**
 * Helpers whose prototype is gpl_only in the program types Tailscope knows: loaded with a license
 * that is not GPL-compatible, a call to one is refused. Measured on Linux 6.18 by
 * test/conformance/helper-probe.c, which the conformance run repeats.
 */
export const gplOnlyHelpers: ReadonlySet<number> = new Set([
  4, 6, 22, 25, 27, 35, 45, 55, 67, 69, 100, 110, 112, 113, 114, 115, 158, 163, 165, 169, 170, 171, 172, 173,
  175, 176, 177, 191, 204, 205, 206, 207,
]);

export const helperDeclarations: readonly HelperDeclaration[] = helperSignatures.map(
  ([id, name, returns, params]) => ({ id, name, returns, params, gplOnly: gplOnlyHelpers.has(id) }),
);

export const helperById: ReadonlyMap<number, HelperDeclaration> = new Map(
  helperDeclarations.map((h) => [h.id, h]),
);

/** The struct tags the declarations name, declared before them as libbpf's header does. */
function structTags(): string[] {
  const tags = new Set<string>();
  // All of them, whichever helpers are declared: a program may name these structs too.
  for (const h of helperDeclarations)
    for (const match of `${h.returns} ${h.params}`.matchAll(/struct (\w+)/g)) tags.add(match[1]);
  return [...tags].map((tag) => `struct ${tag};`);
}

/**
 * `<bpf/bpf_helper_defs.h>` declaring `helpers` (all of them by default). A build declares only
 * the helpers its sources name (see VirtualFileSystem): a declaration nobody names changes
 * nothing, and 211 of them tripled the time to build the seed.
 */
export function helperDefsHeader(helpers: readonly HelperDeclaration[] = helperDeclarations): string {
  const lines = helpers.map((h) => {
    const star = h.returns.endsWith("*") ? h.returns : `${h.returns} `;
    return `static ${star}(* const ${h.name})(${h.params}) = (void *) ${h.id};`;
  });
  return [
    "#ifndef __BPF_HELPER_DEFS_H",
    "#define __BPF_HELPER_DEFS_H",
    ...structTags(),
    ...lines,
    "#endif",
    "",
  ].join("\n");
}
