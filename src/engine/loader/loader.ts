import type { Diagnostic } from "../diagnostics/diagnostic";
import { btfTargetExists, btfTyped } from "../target/btf-context";
import { writeBits, writeInteger } from "../target/bytes";
import { measuredLoadErrno } from "../target/kind-rules";
import { evaluateConstant } from "../types/constant";
import { alignOf, integerOf, isInteger, sizeOf } from "../types/ctypes";
import { initializerOf, type TypedProgram, type VariableSymbol } from "../types/symbols";
import { kindRefusal, loadError } from "./diagnostics";
import { checkUndefinedFunctions, checkUnresolvedExterns } from "./externs";
import { interned } from "./interned";
import { kconfigGlobals } from "./kconfig";
import { checkInnerMapSlots } from "./map-in-map";
import { btfMap, legacyMap } from "./maps";
import type { GlobalVariable, LoadedObject, MapDefinition, ProgramDefinition } from "./object";
import { progArrayOwners } from "./owners";
import { isDataSection, programKindOf, unmodelledTypeOf } from "./sections";
import { bindStructOps, structOpsMaps } from "./struct-ops";

/**
 * Builds the object libbpf would load: maps from `.maps`, programs from `SEC()` functions,
 * globals with their initial bytes, then the prog-array slots libbpf fills after loading.
 */
export function load(program: TypedProgram): LoadedObject {
  const diagnostics: Diagnostic[] = [];
  const helpers = new Map<VariableSymbol, number>();
  const maps: MapDefinition[] = [];
  const globals: GlobalVariable[] = [];
  for (const symbol of program.globals) {
    const helperId = helperIdOf(program, symbol);
    if (helperId !== null) {
      helpers.set(symbol, helperId);
      continue;
    }
    if (symbol.section === ".maps") {
      const map = btfMap(program, symbol, diagnostics);
      if (map) maps.push(map);
    } else if (symbol.section === "maps") {
      const map = legacyMap(program, symbol, diagnostics);
      if (map) maps.push(map);
    } else if (symbol.section && /^\.(bss|data|rodata)(\..*)?$/.test(symbol.section) && !symbol.isExtern) {
      globals.push(globalVariable(program, symbol, diagnostics));
    }
  }
  globals.push(...kconfigGlobals(program, diagnostics));
  nameStaticLocalsLikeClang(globals);
  checkSectionSizes(globals, diagnostics);
  const programs = bindStructOps(
    loadPrograms(program, diagnostics),
    structOpsMaps(program, diagnostics),
    licenseOf(program),
    diagnostics,
  );
  checkSlotsFit(maps, diagnostics);
  checkInnerMapSlots(maps, diagnostics);
  const owners = progArrayOwners(program, maps, programs, diagnostics);
  checkUnresolvedExterns(program, diagnostics);
  checkUndefinedFunctions(program, diagnostics);
  return {
    maps,
    programs,
    globals,
    helpers,
    progArrayOwners: owners,
    license: licenseOf(program),
    diagnostics,
  };
}

/**
 * A helper declaration: `static long (* const name)(…) = (void *) ID;`, as libbpf's header and
 * older projects' own headers write it (with or without const: clang folds the static pointer
 * to its constant, and the call becomes a call of helper ID).
 */
function helperIdOf(program: TypedProgram, symbol: VariableSymbol): number | null {
  if (!symbol.isStatic || symbol.type.kind !== "pointer" || symbol.type.to.kind !== "function") return null;
  if (!symbol.init) return null;
  const value = evaluateConstant(program, symbol.init);
  return value?.kind === "int" ? Number(value.value) : null;
}

/**
 * The programs in the order of their definitions, as clang emits them and libbpf lists them (a
 * prototype earlier, in a header, does not move a program forward), each at its definition.
 */
function loadPrograms(program: TypedProgram, diagnostics: Diagnostic[]): ProgramDefinition[] {
  const programs: ProgramDefinition[] = [];
  const defined = program.functions
    .filter((fn) => fn.definition)
    .sort((a, b) => (a.definition?.id ?? 0) - (b.definition?.id ?? 0));
  for (const fn of defined) {
    if (!fn.definition || fn.section === null || isDataSection(fn.section)) continue;
    const span = fn.definition.declarator.nameSpan;
    const kind = programKindOf(fn.section);
    const refusal = kindRefusal(
      span,
      fn.name,
      fn.section,
      kind ?? { attach: null },
      kind?.measured ? measuredLoadErrno(kind.measured) : 0,
      !kind || !btfTyped(kind) || btfTargetExists(kind),
    );
    if (refusal) {
      diagnostics.push(refusal);
      continue;
    }
    const unmodelled = kind ? null : unmodelledTypeOf(fn.section);
    if (unmodelled) {
      diagnostics.push(
        loadError(
          span,
          `'${fn.name}' is a ${unmodelled} program (SEC("${fn.section}")), a type Tailscope does not model yet`,
          "libbpf knows this section. Tailscope checks and runs socket, tc, xdp and cgroup_skb programs, and checks the socket, cgroup, tracing and other types this kernel loads.",
        ),
      );
      continue;
    }
    if (!kind) {
      diagnostics.push(
        loadError(
          span,
          `failed to guess program type from ELF section '${fn.section}'`,
          fn.section.startsWith("socket/")
            ? `The kernel's samples/bpf number their socket programs SEC("socket/N") for their own loader; libbpf 1.0 and later know only SEC("socket"). Name it SEC("socket") (a prog array names its programs by index anyway).`
            : `libbpf 1.0 and later match section names exactly; '${fn.name}' needs one they know, e.g. SEC("xdp"), SEC("tc"), SEC("socket"), SEC("cgroup_skb/egress").`,
        ),
      );
      continue;
    }
    programs.push({ name: interned(fn.name), section: fn.section, kind, symbol: fn, span });
  }
  return programs;
}

/**
 * After loading every program, libbpf writes each statically initialised slot with
 * bpf_map_update_elem; an index past max_entries fails with -E2BIG and so does the whole load
 * (kernel-facts.md §1.12).
 */
function checkSlotsFit(maps: readonly MapDefinition[], diagnostics: Diagnostic[]): void {
  for (const map of maps) {
    for (const slot of map.initialSlots) {
      if (slot.index < map.maxEntries) continue;
      diagnostics.push(
        loadError(
          slot.span,
          `map '${map.name}': failed to initialize slot [${slot.index}] to prog '${slot.program}': -E2BIG`,
          `The prog array has max_entries ${map.maxEntries}, so slot ${slot.index} does not exist; libbpf fails the whole load and nothing runs. Raise max_entries to ${slot.index + 1}.`,
        ),
      );
    }
  }
}

function globalVariable(
  program: TypedProgram,
  symbol: VariableSymbol,
  diagnostics: Diagnostic[],
): GlobalVariable {
  const size = sizeOf(symbol.type);
  const initial = new Uint8Array(size);
  const entries = initializerOf(program, symbol);
  for (const entry of entries) {
    if (entry.value.kind === "string") {
      initial.set(entry.value.bytes.subarray(0, Math.max(0, size - entry.offset)), entry.offset);
      continue;
    }
    const value = evaluateConstant(program, entry.value);
    if (value?.kind !== "int") {
      diagnostics.push(
        loadError(
          entry.value.span,
          `global '${symbol.name}': Tailscope cannot initialise a global with an address`,
          "Only integer and string initialisers are modelled for globals.",
        ),
      );
      continue;
    }
    if (entry.bitWidth !== undefined && entry.bitOffset !== undefined)
      writeBits(initial, entry.bitOffset, entry.bitWidth, value.value);
    else if (isInteger(entry.type))
      writeInteger(initial, entry.offset, integerOf(entry.type).size, value.value);
    else writeInteger(initial, entry.offset, sizeOf(entry.type), value.value);
  }
  const name = symbol.owner ? `${symbol.owner}.${symbol.name}` : symbol.name;
  return {
    name,
    section: symbol.section ?? ".bss",
    type: symbol.type,
    initial,
    zeroInitialised: entries.length === 0,
    symbol,
    staticLocal: symbol.owner !== null,
  };
}

/** A global data section becomes one array map's value: the kernel refuses a value over INT_MAX bytes. */
const MAX_SECTION_BYTES = 0x7fff_ffff;

/** libbpf creates each data section's map; too large a section fails as the kernel refuses it. */
function checkSectionSizes(globals: readonly GlobalVariable[], diagnostics: Diagnostic[]): void {
  const sections = new Map<string, { bytes: number; largest: GlobalVariable }>();
  for (const global of globals) {
    const size = global.initial.length;
    const align = Math.max(1, alignOf(global.type));
    const known = sections.get(global.section);
    const bytes = Math.ceil((known?.bytes ?? 0) / align) * align + size;
    const largest = known && known.largest.initial.length >= size ? known.largest : global;
    sections.set(global.section, { bytes, largest });
  }
  for (const [section, { bytes, largest }] of sections)
    if (bytes > MAX_SECTION_BYTES)
      diagnostics.push(
        loadError(
          largest.symbol.span,
          `map '${section}': failed to create: -E2BIG`,
          `The ${section} section holds ${bytes.toLocaleString("en")} bytes of globals; libbpf makes it one array map value, and the kernel allows at most 2 GiB - 1 bytes (INT_MAX).`,
        ),
      );
}

/** clang names the second `static` local of a name in one function `f.name.1`, the third `f.name.2` … */
function nameStaticLocalsLikeClang(globals: GlobalVariable[]): void {
  const seen = new Map<string, number>();
  globals.forEach((global, i) => {
    const count = seen.get(global.name) ?? 0;
    seen.set(global.name, count + 1);
    if (count > 0) globals[i] = { ...global, name: `${global.name}.${count}` };
  });
}

function licenseOf(program: TypedProgram): string | null {
  const symbol = program.globals.find((g) => g.section === "license");
  if (!symbol?.init || symbol.init.kind !== "string") return null;
  return String.fromCharCode(...symbol.init.bytes);
}
