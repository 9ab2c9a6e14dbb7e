import kernelTypes from "./vmlinux-btf.json" with { type: "json" };

/**
 * One top-level declaration of the kernel's BTF dump, as scripts/generate-vmlinux.mjs kept it:
 * the names it defines (a tag, a typedef, enum constants), the declarations it needs complete
 * (by index), those a program reaches through one of its pointer members (`task->mm`), the
 * struct and union tags it mentions, and its C text.
 */
interface KernelDeclaration {
  readonly names: readonly string[];
  readonly needs: readonly number[];
  readonly reached: readonly (readonly [member: string, index: number])[];
  readonly mentions: readonly string[];
  readonly text: string;
}

/** Read when first needed: a top-level read would keep the table in bundles that never build. */
function allDeclarations(): readonly KernelDeclaration[] {
  return kernelTypes.declarations as unknown as readonly KernelDeclaration[];
}

let definers: Map<string, number[]> | null = null;

/** The declarations defining each name (a tag and a typedef may share one: `struct pid` / `pid`). */
function definersOf(name: string): readonly number[] {
  if (!definers) {
    const byName = new Map<string, number[]>();
    allDeclarations().forEach((declaration, index) => {
      for (const defined of declaration.names) byName.set(defined, [...(byName.get(defined) ?? []), index]);
    });
    definers = byName;
  }
  return definers.get(name) ?? [];
}

/**
 * The declarations a program naming `identifiers` needs: those defining one of the names, what
 * they hold by value, and what a named pointer member leads to. The rest of the kernel's types
 * could not change what the program means, only how long a build takes.
 */
export function kernelDeclarationsFor(identifiers: ReadonlySet<string>): number[] {
  const declarations = allDeclarations();
  const kept = new Set<number>();
  const visit = (index: number) => {
    if (kept.has(index)) return;
    kept.add(index);
    const declaration = declarations[index];
    for (const needed of declaration.needs) visit(needed);
    for (const [member, target] of declaration.reached) if (identifiers.has(member)) visit(target);
  };
  for (const name of identifiers) for (const index of definersOf(name)) visit(index);
  return [...kept].sort((a, b) => a - b);
}

/** `<vmlinux.h>` made of the chosen declarations, in the dump's order, after the tags they mention. */
export function vmlinuxHeaderOf(chosen: readonly number[]): string {
  const declarations = allDeclarations();
  const tags = new Set<string>();
  for (const index of chosen) for (const tag of declarations[index].mentions) tags.add(tag);
  const forward = [...tags].map((tag) => `${tag};`).join("\n");
  const body = chosen.map((index) => declarations[index].text).join("\n\n");
  return `#ifndef __VMLINUX_H__
#define __VMLINUX_H__
/* This kernel's types from its BTF (scripts/generate-vmlinux.mjs): those the program names. */
${forward}

${body}

#endif /* __VMLINUX_H__ */
`;
}

/** Identifiers a source names, as far as its text shows (names made by `##` are not found). */
export function identifiersIn(text: string, into: Set<string>): void {
  for (const name of text.match(/[A-Za-z_]\w*/g) ?? []) into.add(name);
}
