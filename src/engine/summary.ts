import type { CompileResult } from "./compile";
import type { Diagnostic } from "./diagnostics/diagnostic";
import type { LoadedObject, MapDefinition } from "./loader/object";
import type { ProgramType } from "./loader/sections";
import { indexKey } from "./runtime/maps/map";
import type { Expr } from "./syntax/ast";
import { walk } from "./syntax/walk";
import { toHex } from "./target/bytes";
import { BPF_FUNC_tail_call } from "./target/kernel";
import { evaluateConstant } from "./types/constant";
import { type CType, sizeOf } from "./types/ctypes";
import type { FunctionSymbol, TypedProgram } from "./types/symbols";

/** A field of a map value's struct, for showing decoded cells. */
export interface ValueField {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly signed: boolean;
}

export interface MapSummary {
  readonly name: string;
  readonly typeName: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly perCpu: boolean;
  readonly slots: readonly { readonly index: number; readonly program: string }[];
  /** `map_flags` as created. */
  readonly flags: number;
  /** A map of maps: the inner map it was created with, whose shape the maps it holds must have. */
  readonly holds: InnerMapShape | null;
  /** A map of maps' static slots (`.values = { [i] = &inner }`), keyed by the index's bytes. */
  readonly innerMaps: readonly { readonly key: string; readonly map: string }[];
  /** The value's fields when it is a struct; one unnamed field for a plain integer; null otherwise. */
  readonly valueFields: readonly ValueField[] | null;
  /** The key's fields, the same way (a hash map keyed by a struct shows them by name). */
  readonly keyFields: readonly ValueField[] | null;
}

/** What a map of maps compares of the maps put in it (loader/map-in-map.ts). */
export interface InnerMapShape {
  readonly typeName: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
}

export interface TailCallSite {
  readonly map: string;
  /** The slot when it is a constant, as in the seed; null for a computed index. */
  readonly index: number | null;
}

export interface ProgramSummary {
  readonly name: string;
  readonly section: string;
  readonly type: ProgramType;
  readonly attach: string | null;
  /** What a struct_ops program implements: `tcp_congestion_ops.cong_avoid`. */
  readonly implements?: string;
  /** Maps the program (or a function it calls) names. */
  readonly maps: readonly string[];
  readonly tailCalls: readonly TailCallSite[];
  /** No prog array holds it: it is what a hook would run. */
  readonly isEntry: boolean;
  /** The verifier refuses to load it: the refusal's message (null: accepted). */
  readonly refused: string | null;
}

/** What the app shows of a build: plain data that crosses the worker boundary. */
export interface BuildSummary {
  readonly diagnostics: readonly Diagnostic[];
  /** libbpf could build the object (its maps and programs are here), verifier errors or not. */
  readonly loaded: boolean;
  /** Loaded, and the verifier accepts every program: it can run. */
  readonly runnable: boolean;
  readonly programs: readonly ProgramSummary[];
  readonly maps: readonly MapSummary[];
  /** The program's global variables (not the format strings bpf_printk declares), to decode them. */
  readonly globals: readonly GlobalSummary[];
}

/** A global variable as the inspector shows it: where it lives and its integer fields. */
export interface GlobalSummary {
  readonly name: string;
  readonly section: string;
  readonly size: number;
  /** Its integer fields (an integer global: one, unnamed), or null for another type. */
  readonly fields: readonly ValueField[] | null;
}

const perCpuTypes = new Set(["percpu_array", "percpu_hash", "lru_percpu_hash"]);

export function summarize(result: CompileResult): BuildSummary {
  const { program, object } = result;
  // A verifier rejection leaves the object standing: the graph stays, only running is refused.
  const failed = result.diagnostics.some((d) => d.severity === "error" && d.stage !== "verify");
  if (!program || !object || failed)
    return {
      diagnostics: result.diagnostics,
      loaded: false,
      runnable: false,
      programs: [],
      maps: [],
      globals: [],
    };
  const runnable = !result.diagnostics.some((d) => d.severity === "error");
  const maps = object.maps.map(mapSummary);
  const slotted = new Set(maps.flatMap((m) => m.slots.map((s) => s.program)));
  const programs = object.programs.map((p) => {
    const uses = usesOf(program, object, p.symbol);
    return {
      name: p.name,
      section: p.section,
      type: p.kind.type,
      attach: p.kind.attach,
      ...(p.kind.type === "struct_ops" && p.kind.target ? { implements: p.kind.target } : {}),
      maps: uses.maps,
      tailCalls: uses.tailCalls,
      isEntry: !slotted.has(p.name),
      refused: refusalOf(result.diagnostics, p.name),
    };
  });
  const globals = object.globals
    .filter((g) => !g.staticLocal)
    .map((g) => ({ name: g.name, section: g.section, size: g.initial.length, fields: valueFields(g.type) }));
  return { diagnostics: result.diagnostics, loaded: true, runnable, programs, maps, globals };
}

function refusalOf(diagnostics: readonly Diagnostic[], program: string): string | null {
  const refusal = diagnostics.find(
    (d) => d.severity === "error" && d.stage === "verify" && (d.programs ?? []).includes(program),
  );
  return refusal?.message ?? null;
}

function mapSummary(map: MapDefinition): MapSummary {
  return {
    name: map.name,
    typeName: map.typeName,
    keySize: map.keySize,
    valueSize: map.valueSize,
    maxEntries: map.maxEntries,
    perCpu: perCpuTypes.has(map.typeName),
    slots: map.initialSlots.map((s) => ({ index: s.index, program: s.program })),
    flags: map.flags,
    holds: map.inner
      ? {
          typeName: map.inner.typeName,
          keySize: map.inner.keySize,
          valueSize: map.inner.valueSize,
          maxEntries: map.inner.maxEntries,
          flags: map.inner.flags,
        }
      : null,
    innerMaps: map.initialInnerMaps.map((s) => ({ key: toHex(indexKey(s.index)), map: s.map })),
    valueFields: map.valueType ? valueFields(map.valueType) : null,
    keyFields: map.keyType ? valueFields(map.keyType) : null,
  };
}

function valueFields(type: CType): ValueField[] | null {
  if (type.kind === "int") return [{ name: "", offset: 0, size: type.size, signed: type.signed }];
  if (type.kind !== "record") return null;
  return type.record.fields
    .filter(
      (f) => f.name !== null && f.bitWidth === undefined && (f.type.kind === "int" || f.type.kind === "enum"),
    )
    .map((f) => ({
      name: f.name as string,
      offset: f.offset,
      size: sizeOf(f.type),
      signed: f.type.kind === "int" && f.type.signed,
    }));
}

/** The maps a program names and its tail calls, following calls into its subprograms. */
function usesOf(
  program: TypedProgram,
  object: LoadedObject,
  entry: FunctionSymbol,
): { maps: string[]; tailCalls: TailCallSite[] } {
  const mapNames = new Set(object.maps.map((m) => m.name));
  const maps = new Set<string>();
  const tailCalls: TailCallSite[] = [];
  const visited = new Set<FunctionSymbol>();
  const pending = [entry];
  while (pending.length > 0) {
    const fn = pending.pop() as FunctionSymbol;
    if (visited.has(fn) || !fn.definition) continue;
    visited.add(fn);
    walk(fn.definition.body, (node) => {
      if (node.kind === "ident") {
        const symbol = program.references[node.id];
        if (symbol?.kind === "variable" && mapNames.has(symbol.name) && symbol.storage === "global")
          maps.add(symbol.name);
        if (symbol?.kind === "function" && symbol.definition) pending.push(symbol);
      }
      if (node.kind === "call") {
        const site = tailCallSite(program, object, node.callee, node.args);
        if (site) tailCalls.push(site);
      }
    });
  }
  return { maps: [...maps], tailCalls };
}

function tailCallSite(
  program: TypedProgram,
  object: LoadedObject,
  callee: Expr,
  args: readonly Expr[],
): TailCallSite | null {
  if (callee.kind !== "ident") return null;
  const symbol = program.references[callee.id];
  if (symbol?.kind !== "variable" || object.helpers.get(symbol) !== BPF_FUNC_tail_call || args.length < 3)
    return null;
  const mapArg = stripCasts(args[1]);
  const mapSymbol =
    mapArg.kind === "unary" && mapArg.op === "&" && mapArg.operand.kind === "ident"
      ? program.references[mapArg.operand.id]
      : undefined;
  if (!mapSymbol) return null;
  const index = evaluateConstant(program, args[2]);
  return { map: mapSymbol.name, index: index?.kind === "int" ? Number(index.value) : null };
}

function stripCasts(expr: Expr): Expr {
  return expr.kind === "cast" ? stripCasts(expr.operand) : expr;
}
