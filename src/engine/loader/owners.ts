import type { Diagnostic } from "../diagnostics/diagnostic";
import { BPF_MAP_TYPE_PROG_ARRAY } from "../target/kernel";
import type { FunctionSymbol, TypedProgram, VariableSymbol } from "../types/symbols";
import { loadError } from "./diagnostics";
import { functionFacts } from "./function-facts";
import type { MapDefinition, ProgramDefinition } from "./object";
import type { ProgramKind } from "./sections";

/**
 * Whether a program may sit in a prog array another kind owns (kernel/bpf/core.c
 * `__bpf_prog_map_compatible`): the same program type and, since Sep 2025, the same expected
 * attach type. Measured on 6.18: an egress-owned array refuses ingress, tc and xdp programs.
 */
export function compatibleKinds(owner: ProgramKind, program: ProgramKind): boolean {
  return owner.type === program.type && owner.attach === program.attach;
}

/** The maps a function's body names, and those of the functions it calls, transitively. */
function referencedMaps(
  program: TypedProgram,
  fn: FunctionSymbol,
  seen = new Set<FunctionSymbol>(),
): Set<VariableSymbol> {
  const maps = new Set<VariableSymbol>();
  if (seen.has(fn)) return maps;
  seen.add(fn);
  for (const node of functionFacts(fn).identifiers) {
    const symbol = program.references[node.id];
    if (symbol?.kind === "variable" && symbol.section === ".maps") maps.add(symbol);
    else if (symbol?.kind === "function")
      for (const map of referencedMaps(program, symbol, seen)) maps.add(map);
  }
  return maps;
}

/**
 * Each prog array's owner, as the kernel fixes it: the first program loaded (libbpf loads in
 * object order) that uses the array, else the first program libbpf puts in it. Then libbpf
 * fills the static slots; a program of another kind fails the update with -EINVAL, and the load.
 */
export function progArrayOwners(
  program: TypedProgram,
  maps: readonly MapDefinition[],
  programs: readonly ProgramDefinition[],
  diagnostics: Diagnostic[],
): Map<string, ProgramKind> {
  const owners = new Map<string, ProgramKind>();
  const kinds = new Map(programs.map((p) => [p.name, p.kind]));
  for (const definition of programs) {
    for (const symbol of referencedMaps(program, definition.symbol)) {
      const map = maps.find((m) => m.symbol === symbol);
      if (map?.type === BPF_MAP_TYPE_PROG_ARRAY && !owners.has(map.name))
        owners.set(map.name, definition.kind);
    }
  }
  for (const map of maps) {
    for (const slot of map.initialSlots) {
      const kind = kinds.get(slot.program);
      if (!kind || slot.index >= map.maxEntries) continue;
      const owner = owners.get(map.name);
      if (!owner) owners.set(map.name, kind);
      else if (!compatibleKinds(owner, kind))
        diagnostics.push(
          loadError(
            slot.span,
            `map '${map.name}': failed to initialize slot [${slot.index}] to prog '${slot.program}': -EINVAL`,
            `A prog array holds programs of one kind: its owner is ${describe(owner)}, and '${slot.program}' is ${describe(kind)}. The kernel refuses the update, so libbpf fails the whole load.`,
          ),
        );
    }
  }
  return owners;
}

function describe(kind: ProgramKind): string {
  return kind.attach ? `${kind.type} (${kind.attach})` : kind.type;
}
