import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Span } from "../source/source-file";
import { structOpsMembers } from "../target/btf-context";
import { measuredKindNames } from "../target/kind-rules";
import { gplCompatible } from "../target/licenses";
import { evaluateConstant } from "../types/constant";
import type { Field } from "../types/ctypes";
import { initializerOf, type TypedProgram, type VariableSymbol } from "../types/symbols";
import { loadError } from "./diagnostics";
import type { ProgramDefinition } from "./object";
import type { ProgramKind } from "./sections";

/**
 * struct_ops: a program implements one member of a kernel operations table (TCP congestion
 * control's `struct tcp_congestion_ops`), and a variable in SEC(".struct_ops") of that struct
 * type says which: `.ssthresh = (void *)my_ssthresh`. libbpf makes the variable a
 * BPF_MAP_TYPE_STRUCT_OPS map and loads each program with the struct's BTF id and the member's
 * index, which give the program its arguments (the member's prototype) and its rules. libbpf
 * 1.1, this machine's, knows only `.struct_ops` (`.struct_ops.link` came in 1.2).
 */
export interface StructOpsMap {
  readonly name: string;
  readonly struct: string;
  readonly span: Span;
  /** Each member set to a program, by the member's name. */
  readonly members: readonly { readonly member: string; readonly program: string; readonly span: Span }[];
}

/** The SEC(".struct_ops") variables of a program, or nothing where libbpf would fail the object. */
export function structOpsMaps(program: TypedProgram, diagnostics: Diagnostic[]): StructOpsMap[] {
  const maps: StructOpsMap[] = [];
  for (const symbol of program.globals) {
    if (symbol.section !== ".struct_ops" || symbol.isExtern) continue;
    const map = structOpsMap(program, symbol, diagnostics);
    if (map) maps.push(map);
  }
  return maps;
}

function structOpsMap(
  program: TypedProgram,
  symbol: VariableSymbol,
  diagnostics: Diagnostic[],
): StructOpsMap | null {
  const type = symbol.type;
  const tag = type.kind === "record" ? type.record.tag : null;
  if (type.kind !== "record" || tag === null) {
    diagnostics.push(
      loadError(
        symbol.span,
        `struct_ops init: ${symbol.name} is not a struct`,
        'A SEC(".struct_ops") variable is a struct of kernel operations, such as struct tcp_congestion_ops.',
      ),
    );
    return null;
  }
  if (!structOpsMembers(tag)) {
    diagnostics.push(
      loadError(
        symbol.span,
        `struct_ops init_kern: struct ${tag} is not found in kernel BTF`,
        `The kernel registers a few operations tables BPF programs may implement; this one has struct tcp_congestion_ops, not struct ${tag}.`,
      ),
    );
    return null;
  }
  const fields = type.record.fields;
  const members: { member: string; program: string; span: Span }[] = [];
  for (const entry of initializerOf(program, symbol)) {
    const value = evaluateConstant(program, entry.value);
    const target = value?.kind === "address" ? value.target : null;
    if (target?.kind !== "function") continue;
    const field = fieldAt(fields, entry.offset);
    if (!field?.name) continue;
    members.push({ member: field.name, program: target.name, span: entry.value.span });
  }
  return { name: symbol.name, struct: tag, span: symbol.span, members };
}

function fieldAt(fields: readonly Field[], offset: number): Field | undefined {
  return fields.find((field) => field.offset === offset && field.type.kind === "pointer");
}

/** The member a struct_ops program implements, from the maps that name it. */
interface Binding {
  readonly struct: string;
  readonly member: string;
}

/**
 * The struct_ops programs bound to the members the maps give them, with the kind that follows;
 * each the kernel would refuse is dropped with the kernel's reason.
 */
export function bindStructOps(
  programs: readonly ProgramDefinition[],
  maps: readonly StructOpsMap[],
  license: string | null,
  diagnostics: Diagnostic[],
): ProgramDefinition[] {
  const bindings = new Map<string, Binding>();
  for (const map of maps)
    for (const { member, program, span } of map.members) {
      const bound = bindings.get(program);
      if (bound && bound.member !== member)
        diagnostics.push(
          loadError(
            span,
            `struct_ops reloc ${map.name}: cannot use prog ${program} in sec struct_ops for func ptr ${member}`,
            `'${program}' already implements ${bound.member}: a struct_ops program is loaded for one member, whose arguments it gets. Write one program per member.`,
          ),
        );
      else bindings.set(program, { struct: map.struct, member });
    }
  const bound: ProgramDefinition[] = [];
  for (const definition of programs) {
    if (definition.kind.type !== "struct_ops") {
      bound.push(definition);
      continue;
    }
    const kind = boundKind(definition, bindings.get(definition.name), license, diagnostics);
    if (kind) bound.push({ ...definition, kind });
  }
  return bound;
}

/** Members the kernel will not let BPF implement (bpf_tcp_ca.c's unsupported_ops). */
const UNSUPPORTED_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  tcp_congestion_ops: ["get_info"],
};

function boundKind(
  definition: ProgramDefinition,
  binding: Binding | undefined,
  license: string | null,
  diagnostics: Diagnostic[],
): ProgramKind | null {
  const { name, span } = definition;
  if (!binding) {
    diagnostics.push(
      loadError(
        span,
        `prog '${name}': failed to load: -524`,
        `No SEC(".struct_ops") variable sets a member to '${name}', so libbpf loads it without the struct and member it implements, and the kernel refuses it (ENOTSUPP, with an empty log). Set it in one: \`.ssthresh = (void *)${name}\`.`,
      ),
    );
    return null;
  }
  if (UNSUPPORTED_MEMBERS[binding.struct]?.includes(binding.member)) {
    diagnostics.push(
      loadError(
        span,
        `attach to unsupported member ${binding.member} of struct ${binding.struct}`,
        `The kernel does not let a BPF program implement ${binding.member}; libbpf's load of '${name}' fails with -524 (ENOTSUPP).`,
      ),
    );
    return null;
  }
  if (!gplCompatible(license)) {
    diagnostics.push(
      loadError(
        span,
        "struct ops programs must have a GPL compatible license",
        'A struct_ops program runs as part of the kernel: declare `char LICENSE[] SEC("license") = "GPL";`.',
      ),
    );
    return null;
  }
  const specific = `struct_ops/${binding.struct}.${binding.member}`;
  const measured = measuredKindNames().includes(specific)
    ? specific
    : `struct_ops/${binding.struct}.cong_avoid`;
  return {
    type: "struct_ops",
    attach: "struct_ops",
    returnRange: null,
    measured,
    target: `${binding.struct}.${binding.member}`,
  };
}
