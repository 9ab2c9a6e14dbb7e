import type { CompileInput } from "../compile";
import type { LoadedObject } from "../loader/object";
import type { RunInput } from "../runtime/run";
import { fromHex, toHex } from "../target/bytes";
import type { TypedProgram } from "../types/symbols";
import { type Logpoint, logpointHits } from "./logpoints";
import type { Travel } from "./recording";
import { fieldSpan } from "./why/why";

/** A value over the whole run: where it starts, and each step that changed it. */
export interface WatchLane {
  /** What is watched, as a person reads it. */
  readonly label: string;
  /** A map cell (its value at every step), or an expression (its value each time its line ran). */
  readonly kind: "cell" | "expression";
  /** The value before the first change (null: not yet defined, as a frame's local before its line runs). */
  readonly initial: string | null;
  /** Each change, in step order: after `step` statements the value is `value`. */
  readonly changes: readonly { readonly step: number; readonly value: string }[];
}

export type WatchResult =
  | { readonly ok: true; readonly lane: WatchLane }
  | { readonly ok: false; readonly error: string };

/** `map[key]`, then `@cpu` for a per-CPU map's copy, then `.field.path`. */
const CELL = /^\s*([A-Za-z_]\w*)\s*\[\s*([^\]]+?)\s*\]\s*(?:@\s*(\d+))?\s*((?:\.\s*[A-Za-z_]\w*\s*)*)$/;

/** Whether a watch's text names a map cell (`counts[0]@1.hits`) rather than a C expression. */
export function isCellWatch(text: string, maps: readonly string[]): boolean {
  const match = CELL.exec(text);
  return match !== null && maps.includes(match[1]);
}

/**
 * A map cell over the run, from the trace's writes alone: the value at the start, then each
 * store that changed the watched bytes (a control-plane update shows as a change when the
 * packet after it starts).
 */
export function watchCell(travel: Travel, text: string): WatchResult {
  const match = CELL.exec(text);
  if (!match) return { ok: false, error: "a cell is map[key], with @cpu for a per-CPU map and .field" };
  const [, name, keyText, cpuText, fieldText] = match;
  const machine = travel.machine;
  const definition = machine.object.maps.find((m) => m.name === name);
  const map = machine.maps.get(name);
  if (!definition || !map) return { ok: false, error: `no map named '${name}'` };
  if (definition.typeName === "prog_array")
    return { ok: false, error: `'${name}' is a prog array: watch a data map` };
  const key = keyBytes(keyText, definition.keySize);
  if (key === null) return { ok: false, error: `key '${keyText}': a number, or hex bytes such as x0a000001` };
  const cpu = cpuText === undefined ? null : Number(cpuText);
  if (map.perCpu && cpu === null)
    return { ok: false, error: `'${name}' is per-CPU: say which CPU's copy, as ${name}[${keyText}]@0` };
  if (!map.perCpu && cpu !== null) return { ok: false, error: `'${name}' is not per-CPU: leave out @${cpu}` };
  if (cpu !== null && cpu >= machine.cpus)
    return { ok: false, error: `CPU ${cpu} is out of range (0 to ${machine.cpus - 1})` };
  const field = fieldText.replaceAll(/\s/g, "").replace(/^\./, "");
  const span = fieldSpan(definition.valueType, field || undefined, definition.valueSize);
  if ("error" in span) return { ok: false, error: span.error };
  const label = `${name}[${keyText.trim()}]${cpu === null ? "" : `@${cpu}`}${field ? `.${field}` : ""}`;
  const slice = (hex: string) =>
    hex === "" ? null : valueText(hex.slice(span.offset * 2, (span.offset + span.size) * 2));
  const trace = travel.trace;
  const changes: { step: number; value: string }[] = [];
  let current: string | null = null;
  let initial: string | null | undefined;
  for (let i = 0; i < trace.mapWriteCount; i++) {
    const write = trace.mapWriteAt(i);
    if (write.map !== name || write.key !== key || write.cpu !== cpu) continue;
    const before = slice(write.before);
    if (initial === undefined) {
      initial = before;
      current = before;
    } else if (before !== current) {
      // Changed between packets: by the control plane, before this write's packet.
      const packet = trace.statementAt(write.step)?.packet ?? 0;
      changes.push({ step: trace.packetFirstStep(packet) ?? write.step - 1, value: before ?? "—" });
      current = before;
    }
    const after = slice(write.after);
    if (after !== current) changes.push({ step: write.step, value: after ?? "—" });
    current = after;
  }
  if (initial === undefined) {
    // Never written: its value at the start is its value throughout.
    travel.seek(0);
    const found = map.lookup(fromHex(key), cpu ?? 0);
    const at = (found?.start ?? 0) + span.offset;
    initial = found ? valueText(toHex(found.bytes.subarray(at, at + span.size))) : null;
  }
  return { ok: true, lane: { label, kind: "cell", initial, changes } };
}

/**
 * A C expression over the frame at a line, over the run: its value each time the line is about
 * to run (a logpoint's evaluation, so it changes nothing), a change marked where it differs.
 */
export function watchExpression(
  run: {
    program: TypedProgram;
    object: LoadedObject;
    input: RunInput;
    sources: CompileInput;
    packetLimit: number;
  },
  site: { file: string; line: number },
  expression: string,
): WatchResult {
  const logpoint: Logpoint = { ...site, format: "%lld", args: [expression] };
  const { hits, errors } = logpointHits(
    run.program,
    run.object,
    run.input,
    run.sources,
    [logpoint],
    run.packetLimit,
  );
  if (errors[0]) return { ok: false, error: errors[0] };
  const changes: { step: number; value: string }[] = [];
  let current: string | null = null;
  for (const hit of hits) {
    if (hit.text === current) continue;
    changes.push({ step: hit.step, value: hit.text });
    current = hit.text;
  }
  const label = `${expression.trim()} at ${site.file}:${site.line}`;
  return { ok: true, lane: { label, kind: "expression", initial: null, changes } };
}

/** A key as the map stores it: a number in the key's size, little-endian, or hex bytes after `x`. */
function keyBytes(text: string, size: number): string | null {
  const hex = /^x([0-9a-fA-F]{2})+$/.exec(text);
  if (hex) return text.length - 1 === size * 2 ? text.slice(1).toLowerCase() : null;
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) return null;
  let value = BigInt(text);
  if (value >= 1n << BigInt(size * 8)) return null;
  let out = "";
  for (let i = 0; i < size; i++) {
    out += Number(value & 0xffn)
      .toString(16)
      .padStart(2, "0");
    value >>= 8n;
  }
  return out;
}

/** Bytes as a person reads a value: an integer of up to 8 bytes in decimal, longer ones in hex. */
function valueText(hex: string): string {
  if (hex.length === 0 || hex.length > 16) return hex;
  let value = 0n;
  for (let i = hex.length - 2; i >= 0; i -= 2)
    value = (value << 8n) | BigInt(Number.parseInt(hex.slice(i, i + 2), 16));
  return value.toString();
}
