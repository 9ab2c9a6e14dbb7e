import type { Diagnostic } from "../diagnostics/diagnostic";
import {
  BPF_MAP_TYPE_ARRAY,
  BPF_MAP_TYPE_ARRAY_OF_MAPS,
  BPF_MAP_TYPE_HASH_OF_MAPS,
  BPF_MAP_TYPE_PERCPU_ARRAY,
  BPF_MAP_TYPE_PROG_ARRAY,
  PCPU_MIN_UNIT_SIZE,
} from "../target/kernel";
import { evaluateConstant } from "../types/constant";
import { type CType, type Field, sizeOf } from "../types/ctypes";
import { type InitEntry, initializerOf, type TypedProgram, type VariableSymbol } from "../types/symbols";
import { loadError } from "./diagnostics";
import { interned } from "./interned";
import {
  keylessCreationError,
  libbpfSizes,
  lpmCreationError,
  outputMapCreationError,
  ownCreationRules,
  redirectMapCreationError,
} from "./keyless-maps";
import { canBeInnerMap } from "./map-in-map";
import { type InnerMapSlot, type MapDefinition, mapTypeNames, type ProgArraySlot } from "./object";

const arrayLikeTypes = new Set([
  BPF_MAP_TYPE_ARRAY,
  BPF_MAP_TYPE_PROG_ARRAY,
  BPF_MAP_TYPE_PERCPU_ARRAY,
  BPF_MAP_TYPE_ARRAY_OF_MAPS,
]);
const mapInMapTypes = new Set([BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS]);

/** Integer properties libbpf reads from `__uint(name, value)`, i.e. `int (*name)[value]`. */
const integerFields = new Set([
  "type",
  "max_entries",
  "map_flags",
  "key_size",
  "value_size",
  "pinning",
  "numa_node",
  "map_extra",
]);

interface RawDefinition {
  type?: number;
  maxEntries?: number;
  flags?: number;
  extra?: number;
  keySize?: number;
  valueSize?: number;
  keyType?: CType;
  valueType?: CType;
  valuesField?: Field;
}

/** Reads a BTF-defined map (`struct { __uint(type, …); … } name SEC(".maps")`) the way libbpf does. */
export function btfMap(
  program: TypedProgram,
  symbol: VariableSymbol,
  diagnostics: Diagnostic[],
): MapDefinition | null {
  if (symbol.type.kind !== "record") {
    diagnostics.push(
      loadError(
        symbol.span,
        `map '${symbol.name}': is not a struct`,
        'A map in SEC(".maps") must be a struct built with __uint, __type and __array.',
      ),
    );
    return null;
  }
  const raw = readDefinition(symbol.name, symbol.type.record.fields, diagnostics);
  if (!raw) return null;
  const entries = initializerOf(program, symbol);
  return finishDefinition(program, symbol, symbol.name, raw, entries, diagnostics);
}

/** The members of a map definition (or of a map of maps' inner one), read as libbpf reads them. */
function readDefinition(
  name: string,
  fields: readonly Field[],
  diagnostics: Diagnostic[],
): RawDefinition | null {
  const raw: RawDefinition = {};
  for (const field of fields) {
    const problem = readField(raw, field);
    if (problem) {
      diagnostics.push(
        loadError(
          field.span,
          `map '${name}': ${problem}`,
          "libbpf reads each member of a map definition by its name and the shape __uint/__type/__array give it.",
        ),
      );
      return null;
    }
  }
  return raw;
}

/** The offset of a value type's `struct bpf_spin_lock` member, if it has one at its top level. */
function spinLockOffsetOf(type: CType | undefined): number | null {
  if (type?.kind !== "record") return null;
  const lock = type.record.fields.find(
    (f) => f.type.kind === "record" && f.type.record.tag === "bpf_spin_lock",
  );
  return lock ? lock.offset : null;
}

/** A legacy definition written the way libbpf 1.x reads maps, for the person to paste in. */
function btfDefinedText(name: string, raw: RawDefinition): string {
  const typeName = raw.type !== undefined ? mapTypeNames[raw.type] : undefined;
  const lines = [
    `\t__uint(type, ${typeName ? `BPF_MAP_TYPE_${typeName.toUpperCase()}` : (raw.type ?? 0)});`,
    `\t__uint(key_size, ${raw.keySize ?? 0});`,
    `\t__uint(value_size, ${raw.valueSize ?? 0});`,
    `\t__uint(max_entries, ${raw.maxEntries ?? 0});`,
    ...(raw.flags ? [`\t__uint(map_flags, ${raw.flags});`] : []),
  ];
  return `struct {\n${lines.join("\n")}\n} ${name} SEC(".maps");`;
}

/** `struct bpf_map_def` members, in the order libbpf 0.x read them from a `SEC("maps")` variable. */
const legacyFields: Record<string, keyof RawDefinition> = {
  type: "type",
  key_size: "keySize",
  value_size: "valueSize",
  max_entries: "maxEntries",
  map_flags: "flags",
};

/**
 * A legacy `struct bpf_map_def name SEC("maps") = { … }`, read as libbpf 0.x read it, to say how
 * to write it now: libbpf 1.0 dropped these ("legacy map definitions in 'maps' section are not
 * supported by libbpf v1.0+") and refuses the object, and so does Tailscope.
 */
export function legacyMap(
  program: TypedProgram,
  symbol: VariableSymbol,
  diagnostics: Diagnostic[],
): MapDefinition | null {
  if (symbol.type.kind !== "record") {
    diagnostics.push(
      loadError(
        symbol.span,
        `map '${symbol.name}': is not a struct bpf_map_def`,
        'A SEC("maps") variable is a struct bpf_map_def.',
      ),
    );
    return null;
  }
  const raw: RawDefinition = {};
  const fields = symbol.type.record.fields;
  for (const entry of initializerOf(program, symbol)) {
    const field = fields.find((f) => f.offset === entry.offset && f.name != null && f.name in legacyFields);
    const value = evaluateConstant(program, entry.value);
    if (field?.name && value?.kind === "int")
      (raw as Record<string, number>)[legacyFields[field.name]] = Number(value.value);
  }
  // libbpf 1.x refuses the whole object (-EOPNOTSUPP), as the kernel's conformance run shows.
  diagnostics.push(
    loadError(
      symbol.span,
      "elf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+",
      `libbpf 0.x read struct bpf_map_def from SEC("maps"); libbpf 1.0 and later read only BTF-defined maps. Declare it as:\n${btfDefinedText(symbol.name, raw)}`,
    ),
  );
  return null;
}

function readField(raw: RawDefinition, field: Field): string | null {
  const name = field.name ?? "";
  const type = field.type;
  if (integerFields.has(name)) {
    if (type.kind !== "pointer" || type.to.kind !== "array" || type.to.length === null)
      return `${name} spec is not PTR to ARRAY`;
    const value = type.to.length;
    if (name === "type") raw.type = value;
    else if (name === "max_entries") raw.maxEntries = value;
    else if (name === "map_flags") raw.flags = value;
    else if (name === "map_extra") raw.extra = value;
    else if (name === "key_size") raw.keySize = value;
    else if (name === "value_size") raw.valueSize = value;
    return null;
  }
  if (name === "key" || name === "value") {
    if (type.kind !== "pointer") return `${name} spec is not PTR`;
    if (name === "key") raw.keyType = type.to;
    else raw.valueType = type.to;
    return null;
  }
  if (name === "values") {
    if (type.kind !== "array" || type.length !== null || type.of.kind !== "pointer")
      return "values spec is not a zero-sized array of pointers";
    raw.valuesField = field;
    return null;
  }
  return `unknown field '${name}'.`;
}

function finishDefinition(
  program: TypedProgram,
  symbol: VariableSymbol,
  name: string,
  raw: RawDefinition,
  entries: readonly InitEntry[],
  diagnostics: Diagnostic[],
): MapDefinition | null {
  const fail = (message: string, explanation: string) => {
    diagnostics.push(loadError(symbol.span, `map '${name}': ${message}`, explanation));
    return null;
  };
  const type = raw.type ?? 0;
  const typeName = mapTypeNames[type];
  if (!typeName) {
    return fail(
      type === 0 ? "map type isn't specified" : `map type ${type} is not modelled by Tailscope`,
      "Tailscope runs HASH, ARRAY, PROG_ARRAY, PERCPU_HASH, PERCPU_ARRAY, LRU_HASH, LRU_PERCPU_HASH, LPM_TRIE, ARRAY_OF_MAPS, HASH_OF_MAPS, QUEUE, STACK, BLOOM_FILTER, RINGBUF, PERF_EVENT_ARRAY, DEVMAP, DEVMAP_HASH, CPUMAP and XSKMAP maps.",
    );
  }
  const keyFromType = raw.keyType ? sizeOf(raw.keyType) : undefined;
  const valueFromType = raw.valueType ? sizeOf(raw.valueType) : undefined;
  if (raw.keySize !== undefined && keyFromType !== undefined && raw.keySize !== keyFromType) {
    return fail(
      `conflicting key size ${raw.keySize} != ${keyFromType}.`,
      "key_size and the size of __type(key, …) must agree.",
    );
  }
  let keySize = raw.keySize ?? keyFromType ?? 0;
  let valueSize = raw.valueSize ?? valueFromType ?? 0;
  let inner: MapDefinition | null = null;
  if (raw.valuesField) {
    if (type !== BPF_MAP_TYPE_PROG_ARRAY && !mapInMapTypes.has(type))
      return fail(
        "should be map-in-map or prog-array.",
        "__array(values, …) is only for prog arrays and maps of maps.",
      );
    if (mapInMapTypes.has(type)) {
      if (name.endsWith(".inner"))
        return fail(
          "multi-level inner maps not supported.",
          "A map of maps may hold arrays and hashes, not other maps of maps (the kernel allows one level).",
        );
      inner = innerTemplate(program, symbol, name, raw.valuesField, diagnostics);
      if (!inner) return null;
      if (!canBeInnerMap(inner.typeName))
        return fail(
          "failed to create: -ENOTSUPP",
          `A map of maps cannot hold ${inner.typeName} maps: the kernel does not take them as inner maps.`,
        );
    }
    valueSize = 4; // libbpf forces the value size to 4 (a program's or a map's fd).
    keySize ||= 4;
  } else if (mapInMapTypes.has(type)) {
    return fail(
      "failed to create: -EINVAL",
      "A map of maps is created with an inner map to hold: declare it with __array(values, struct { __uint(type, …); … }).",
    );
  }
  const sized = libbpfSizes(type, { keySize, valueSize, maxEntries: raw.maxEntries ?? 0 });
  ({ keySize, valueSize } = sized);
  const maxEntries = sized.maxEntries;
  const flags = raw.flags ?? 0;
  const createError = ownCreationRules.has(type)
    ? (keylessCreationError(type, keySize, valueSize, maxEntries, flags, raw.extra ?? 0) ??
      lpmCreationError(type, keySize, valueSize, maxEntries, flags) ??
      outputMapCreationError(type, keySize, valueSize, maxEntries, flags) ??
      redirectMapCreationError(type, keySize, valueSize, maxEntries, flags))
    : (keylessCreationError(type, keySize, valueSize, maxEntries, flags, raw.extra ?? 0) ??
      creationError(type, keySize, valueSize, maxEntries));
  if (createError) return fail(`failed to create: ${createError.errno}`, createError.why);
  const initialSlots =
    raw.valuesField && !inner ? progArraySlots(program, symbol, raw.valuesField, entries, diagnostics) : [];
  const initialInnerMaps =
    raw.valuesField && inner ? innerMapSlots(program, symbol, raw.valuesField, entries, diagnostics) : [];
  return {
    name: interned(name),
    type,
    typeName,
    keySize,
    valueSize,
    maxEntries,
    flags: raw.flags ?? 0,
    extra: raw.extra ?? 0,
    spinLockOffset: spinLockOffsetOf(raw.valueType),
    keyType: raw.keyType ?? null,
    valueType: raw.valueType ?? null,
    initialSlots,
    inner,
    initialInnerMaps,
    symbol,
    span: symbol.span,
  };
}

/** The kernel's checks at map creation (`array_map_alloc_check`, `htab_map_alloc_check`). */
function creationError(
  type: number,
  keySize: number,
  valueSize: number,
  maxEntries: number,
): { errno: string; why: string } | null {
  if (arrayLikeTypes.has(type) && keySize !== 4)
    return {
      errno: "-EINVAL",
      why: `An array's key is its 4-byte index; this map's key is ${keySize} bytes.`,
    };
  if (type === BPF_MAP_TYPE_PROG_ARRAY && valueSize !== 4)
    return { errno: "-EINVAL", why: "A prog array holds 4-byte program fds." };
  if (mapInMapTypes.has(type) && valueSize !== 4)
    return { errno: "-EINVAL", why: "A map of maps holds 4-byte map fds." };
  if (keySize === 0 || valueSize === 0)
    return { errno: "-EINVAL", why: "Key and value sizes must be greater than zero." };
  if (maxEntries === 0) return { errno: "-EINVAL", why: "max_entries must be greater than zero." };
  if ((type === 5 || type === 6 || type === 10) && valueSize > PCPU_MIN_UNIT_SIZE) {
    return { errno: "-E2BIG", why: "A per-CPU value may be at most 32 KiB." };
  }
  if (arrayLikeTypes.has(type) && valueSize > INT_MAX)
    return { errno: "-E2BIG", why: "An array's value may be at most 2 GiB - 1 bytes (INT_MAX)." };
  if (hashTypes.has(type) && keySize + valueSize >= KMALLOC_MAX_SIZE - HTAB_ELEM_SIZE)
    return {
      errno: "-E2BIG",
      why: "A hash map's key and value together must stay under 4 MiB, what the kernel can allocate at once.",
    };
  return null;
}

/** Limits of array_map_alloc_check / htab_map_alloc_check (kernel/bpf/arraymap.c, hashtab.c). */
const INT_MAX = 0x7fff_ffff;
/** KMALLOC_MAX_SIZE on x86-64: 1 << (MAX_PAGE_ORDER + PAGE_SHIFT). */
const KMALLOC_MAX_SIZE = 1 << 22;
/** sizeof(struct htab_elem) on x86-64: [E] 6.18 refuses a key and value of 4 MiB - 48 bytes, loads one byte less. */
const HTAB_ELEM_SIZE = 48;
const hashTypes = new Set([1, 5, 9, 10, 13]);

/**
 * The inner map of `__array(values, struct { … })`: libbpf creates it as `outer.inner` to give
 * the kernel the shape of what the outer map holds, then closes it.
 */
function innerTemplate(
  program: TypedProgram,
  symbol: VariableSymbol,
  outer: string,
  valuesField: Field,
  diagnostics: Diagnostic[],
): MapDefinition | null {
  const name = `${outer}.inner`;
  const element = valuesField.type.kind === "array" ? valuesField.type.of : null;
  const record = element?.kind === "pointer" ? element.to : null;
  if (record?.kind !== "record") {
    diagnostics.push(
      loadError(
        valuesField.span,
        `map '${outer}': inner def is not a struct`,
        "Give the inner map's definition: __array(values, struct { __uint(type, BPF_MAP_TYPE_ARRAY); … }).",
      ),
    );
    return null;
  }
  const raw = readDefinition(name, record.record.fields, diagnostics);
  return raw ? finishDefinition(program, symbol, name, raw, [], diagnostics) : null;
}

/** A relocation in `.values = { [i] = &x }`: the slot it fills and what it points to. */
interface SlotRelocation {
  readonly index: number;
  readonly relocation: number;
  /** What the slot's address points to; null for a value that is not an address. */
  readonly target: Extract<ReturnType<typeof evaluateConstant>, { kind: "address" }>["target"] | null;
  readonly entry: InitEntry;
}

/**
 * The filled slots of `.values = { … }`: libbpf records one relocation per slot, at offset
 * `values + 8 * i`; a NULL slot is left empty.
 */
function slotRelocations(
  program: TypedProgram,
  valuesField: Field,
  entries: readonly InitEntry[],
): SlotRelocation[] {
  return entries.flatMap((entry, relocation) => {
    if (entry.offset < valuesField.offset) return [];
    const value = evaluateConstant(program, entry.value);
    if (value?.kind === "int" && value.value === 0n) return [];
    const index = (entry.offset - valuesField.offset) / 8;
    const target = value?.kind === "address" ? value.target : null;
    return [{ index, relocation, target, entry }];
  });
}

/** `.values = { [i] = &inner }` of a map of maps: each slot names a map of the object. */
function innerMapSlots(
  program: TypedProgram,
  symbol: VariableSymbol,
  valuesField: Field,
  entries: readonly InitEntry[],
  diagnostics: Diagnostic[],
): InnerMapSlot[] {
  const slots: InnerMapSlot[] = [];
  for (const { index, relocation, target, entry } of slotRelocations(program, valuesField, entries)) {
    if (target?.kind !== "variable" || target.section !== ".maps") {
      diagnostics.push(
        loadError(
          entry.value.span,
          `map '${symbol.name}': .maps relo #${relocation}: slot ${index} does not point to a map`,
          'A map of maps\' slot holds the address of a map defined in SEC(".maps"): [i] = &inner.',
        ),
      );
      continue;
    }
    slots.push({ index, map: target.name, span: entry.value.span });
  }
  return slots.sort((a, b) => a.index - b.index);
}

/** `.values = { [i] = &prog }` of a prog array: each slot names an entry-point program. */
function progArraySlots(
  program: TypedProgram,
  symbol: VariableSymbol,
  valuesField: Field,
  entries: readonly InitEntry[],
  diagnostics: Diagnostic[],
): ProgArraySlot[] {
  const slots: ProgArraySlot[] = [];
  for (const { index, relocation, target, entry } of slotRelocations(program, valuesField, entries)) {
    if (!target || target.kind !== "function") {
      diagnostics.push(
        loadError(
          entry.value.span,
          `map '${symbol.name}': .maps relo #${relocation}: slot ${index} does not point to a program`,
          "A prog array slot holds the address of a BPF program: [i] = &prog.",
        ),
      );
      continue;
    }
    if (!target.section || !target.definition) {
      diagnostics.push(
        loadError(
          entry.value.span,
          `map '${symbol.name}': .maps relo #${relocation}: '${target.name}' isn't an entry-point program`,
          'Only functions with a SEC("…") can be put in a prog array; a subprogram cannot.',
        ),
      );
      continue;
    }
    slots.push({ index, program: target.name, span: entry.value.span });
  }
  return slots.sort((a, b) => a.index - b.index);
}
