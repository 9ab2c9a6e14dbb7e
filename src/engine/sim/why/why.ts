import type { ControlAction } from "../../runtime/report";
import { fromHex, toHex } from "../../target/bytes";
import { type CType, sizeOf } from "../../types/ctypes";
import type { Travel } from "../recording";
import type { RecordedAccess } from "../trace-accesses";
import {
  type SourceTracer,
  type StoreSite,
  type ValueSource,
  type Writer,
  type WriterFinder,
} from "./sources";
import { type ValueTarget, whyValue } from "./values";

/** The memory a "where did this come from?" asks about: a map cell (or a field of it), or a global. */
export type WhyTarget =
  | {
      readonly kind: "map";
      readonly map: string;
      /** The key's bytes in hex, as the run report writes keys. */
      readonly key: string;
      /** The CPU whose copy, for a per-CPU map; null for a shared value. */
      readonly cpu: number | null;
      /** A field of the value's type (`a.b` for a nested one); the whole value when absent. */
      readonly field?: string;
    }
  | { readonly kind: "global"; readonly global: string; readonly field?: string };

/** The answer of contract.md §4's `why`, and "who reads it next" the other way. */
export interface WhyAnswer {
  /** The bytes as they stand at the step asked about, in hex. */
  readonly value: string;
  readonly offset: number;
  readonly size: number;
  readonly writer: Writer;
  readonly sources: readonly ValueSource[];
  /** The first statement after the step that reads those bytes, or null. */
  readonly nextReader: StoreSite | null;
}

export type WhyResult =
  | { readonly ok: true; readonly answer: WhyAnswer }
  | { readonly ok: false; readonly error: string };

/**
 * Answers where the bytes of a map value or global came from, over a recorded run: the last
 * store into them before the step (from the trace's map and global writes, or a control-plane
 * update applied since), what that store computed its value from, and who reads them next.
 */
export class Provenance implements WriterFinder {
  constructor(
    private readonly travel: Travel,
    private readonly tracer: SourceTracer,
    private readonly control: readonly ControlAction[],
  ) {}

  /** Where the target's bytes came from as they stand after `step` statements. */
  why(target: WhyTarget | ValueTarget, step: number): WhyResult {
    if (target.kind !== "map" && target.kind !== "global") {
      const answer = whyValue(
        this.travel,
        this.tracer,
        (s) => this.site({ step: s, origin: s }),
        target,
        step,
      );
      if ("error" in answer) return { ok: false, error: answer.error };
      return { ok: true, answer: { ...answer, offset: 0, size: 0, nextReader: null } };
    }
    const place = this.resolve(target, step);
    if ("error" in place) return { ok: false, error: place.error };
    const { offset, size, value } = place;
    const trace = this.travel.trace;
    // The cursor stands after `step` statements: a control-plane update applied before the next
    // packet is not there yet.
    const writer =
      target.kind === "map"
        ? this.mapWriter(target.map, target.key, target.cpu, offset, size, step + 1, step)
        : this.globalWriter(target.global, offset, size, step + 1);
    const sources = writer && "step" in writer ? this.tracer.ofStore(writer.statementStep) : [];
    const next =
      target.kind === "map"
        ? trace.nextMapReadAfter(target.map, target.key, target.cpu, offset, size, step)
        : trace.accesses.nextGlobalReadAfter(target.global, offset, size, step);
    return {
      ok: true,
      answer: { value, offset, size, writer, sources, nextReader: next && this.site(next) },
    };
  }

  /** The sources of the store a step made (one click further along a chain of answers). */
  sourcesOfStore(step: number): readonly ValueSource[] {
    return this.tracer.ofStore(step);
  }

  mapWriter(
    map: string,
    key: string,
    cpu: number | null,
    offset: number,
    size: number,
    before: number,
    controlBefore = before,
  ): Writer {
    const access = this.travel.trace.lastMapWriteBefore(map, key, cpu, offset, size, before);
    const control = this.controlWriteBetween(map, key, access?.step ?? 0, controlBefore);
    if (control !== null) return { controlPlane: { beforePacket: control } };
    return access && this.site(access);
  }

  globalWriter(global: string, offset: number, size: number, before: number): Writer {
    const access = this.travel.trace.accesses.lastGlobalWriteBefore(global, offset, size, before);
    return access && this.site(access);
  }

  /** The last control-plane update of the key applied after step `after` and before `before`. */
  private controlWriteBetween(map: string, key: string, after: number, before: number): number | null {
    const trace = this.travel.trace;
    let found: number | null = null;
    for (const action of this.control) {
      if (action.op !== "update" || action.map !== map || action.key !== key) continue;
      // Applied between packets: as the packet it precedes starts (or at the end, if it never ran).
      const at = trace.packetFirstStep(action.beforePacket) ?? this.travel.totalSteps;
      if (at >= after && at < before) found = action.beforePacket;
    }
    return found;
  }

  /** Where a recorded access was made: the statement that made it, and the step it was done by. */
  site(access: RecordedAccess): StoreSite {
    const { step, origin } = access;
    const event = this.travel.trace.statementAt(origin);
    if (!event) return { packet: -1, cpu: -1, program: "", file: "", line: 0, step, statementStep: origin };
    const { packet, cpu, program, file, line } = event;
    return { packet, cpu, program, file, line, step, statementStep: origin };
  }

  /** The target's bytes at `step`, or a message naming what is wrong with it. */
  private resolve(
    target: WhyTarget,
    step: number,
  ): { offset: number; size: number; value: string } | { error: string } {
    const machine = this.travel.machine;
    if (target.kind === "global") {
      const global = machine.object.globals.find((g) => g.name === target.global);
      if (!global) return { error: `no global named '${target.global}'` };
      const span = fieldSpan(global.type, target.field);
      if ("error" in span) return span;
      this.travel.seek(step);
      const stored = [...machine.globals.values()].find((r) => r.name === global.name);
      if (!stored) return { error: `no global named '${target.global}'` };
      const at = stored.start + span.offset;
      return { ...span, value: toHex(stored.bytes.subarray(at, at + span.size)) };
    }
    const definition = machine.object.maps.find((m) => m.name === target.map);
    const map = machine.maps.get(target.map);
    if (!definition || !map) return { error: `no map named '${target.map}'` };
    if (definition.typeName === "prog_array")
      return { error: `'${target.map}' is a prog array: its slots hold programs, not values` };
    if (!/^([0-9a-f]{2})+$/.test(target.key) || target.key.length !== definition.keySize * 2)
      return {
        error: `key '${target.key}' is not ${definition.keySize} bytes of hex for map '${target.map}'`,
      };
    if (map.perCpu && target.cpu === null)
      return { error: `map '${target.map}' is per-CPU: say which CPU's copy` };
    if (!map.perCpu && target.cpu !== null)
      return { error: `map '${target.map}' is not per-CPU: it has no copy per CPU` };
    if (target.cpu !== null && (target.cpu < 0 || target.cpu >= machine.cpus))
      return {
        error: `CPU ${target.cpu} is out of range: the run has ${machine.cpus} CPUs (0 to ${machine.cpus - 1})`,
      };
    const span = fieldSpan(definition.valueType, target.field, definition.valueSize);
    if ("error" in span) return span;
    this.travel.seek(step);
    const found = map.lookup(fromHex(target.key), target.cpu ?? 0);
    if (!found) return { error: `key ${target.key} is not in map '${target.map}' there` };
    const at = found.start + span.offset;
    return { ...span, value: toHex(found.bytes.subarray(at, at + span.size)) };
  }
}

/** Where a field (`a` or `a.b`) sits in a value of `type`; the whole value without one. */
export function fieldSpan(
  type: CType | null,
  field: string | undefined,
  wholeSize = type ? sizeOf(type) : 0,
): { offset: number; size: number } | { error: string } {
  if (!field) return { offset: 0, size: wholeSize };
  let offset = 0;
  let current = type;
  for (const name of field.split(".")) {
    if (current?.kind !== "record") return { error: `the value has no field '${field}'` };
    const member = current.record.fields.find((f) => f.name === name);
    if (!member) {
      const names = current.record.fields.map((f) => f.name).filter(Boolean);
      return { error: `no field '${name}' in the value (it has ${names.join(", ")})` };
    }
    offset += member.offset;
    current = member.type;
  }
  return current ? { offset, size: sizeOf(current) } : { error: `the value has no field '${field}'` };
}
