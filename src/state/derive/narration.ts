import type { BuildSummary, MapSummary, PacketReport, StatementEvent, StateView } from "../../engine";
import { verdictName } from "./event-text";
import { decodeField } from "./field";
import { keyLabel } from "./map-keys";

type Running = NonNullable<StateView["running"]>;
type TailCall = Running["tailCalls"][number];

/** What the narration is told: the cursor's view, the view before the last move, the build, the run. */
export interface NarrationInput {
  readonly view: StateView | null;
  readonly previous: StateView | null;
  readonly build: BuildSummary | null;
  /** Every packet's report (for what a finished packet returned); null before a run. */
  readonly packets: readonly PacketReport[] | null;
  /** The statement the cursor's step ran. */
  readonly last?: StatementEvent | null;
  /** A source line's text, to quote the statement that ran. */
  readonly lineText?: (file: string, line: number) => string | null;
}

/**
 * The last move in one plain sentence, from the trace: what a teacher would say over the step.
 * The most telling thing the move did wins: a tail call (made or failed), then a map write, a
 * packet finishing or starting, a printk line, else the line that ran. A step back says where
 * the cursor is now, and that going back undoes rather than does.
 */
export function narrate(input: NarrationInput): string {
  const { view, previous, build, packets } = input;
  if (!view) return "Run the scenario, then step through it: F10 a statement, F7 a tail call, F8 a packet.";
  if (view.step === 0)
    return "Step 0: no packet has run yet. F10 runs one statement, F7 goes to the next tail call.";
  if (previous && view.step < previous.step)
    return `Back at step ${view.step}: ${whereNow(view)} Going back undoes; nothing is done again.`;
  if (!previous || previous.step === view.step) return `Step ${view.step}: ${whereNow(view)}`;
  return (
    tailCallSentence(view, previous, build) ??
    mapWriteSentence(view, previous, build) ??
    finishedSentence(view, previous, build, packets) ??
    startedSentence(view, previous) ??
    printkSentence(view, previous) ??
    lineSentence(view, previous, input)
  );
}

/** Where the followed packet stands. */
function whereNow(view: StateView): string {
  const running = view.running;
  if (!running)
    return `${view.finishedPackets} packet${view.finishedPackets === 1 ? "" : "s"} done, none in flight.`;
  const frame = running.frames.at(-1);
  const where = frame ? `, about to run line ${frame.line}` : "";
  return `CPU ${running.cpu} has packet ${running.packet} in ${running.programs.at(-1)}${where}.`;
}

/** The packet that made the move: the followed one, as it was before the move too. */
function movedPacket(view: StateView, previous: StateView): { now: Running; before: Running | null } | null {
  const now = view.running;
  if (!now) return null;
  return { now, before: previous.cpus.find((p) => p.packet === now.packet) ?? null };
}

/** Why a tail call fell through, after "but". */
function fallThrough(call: TailCall, build: BuildSummary | null): string {
  if (call.outcome === "empty-slot") return "the slot is empty";
  if (call.outcome === "limit") return "33 tail calls have been made, the limit";
  const slots = build?.maps.find((m) => m.name === call.map)?.maxEntries;
  return slots === undefined
    ? `${call.map} has no slot ${call.key}`
    : `${call.map} has ${slots} slots (0 to ${slots - 1})`;
}

function tailCallSentence(view: StateView, previous: StateView, build: BuildSummary | null): string | null {
  const moved = movedPacket(view, previous);
  if (!moved) return null;
  const made = moved.now.tailCalls.slice(moved.before?.tailCalls.length ?? 0);
  const call = made.at(-1);
  if (!call) return null;
  const more =
    made.length > 1 ? ` (${made.length - 1} more tail call${made.length > 2 ? "s" : ""} before it)` : "";
  const cpu = moved.now.cpu;
  if (call.outcome === "jumped")
    return `CPU ${cpu}: ${call.from} tail-calls slot ${call.key} of ${call.map}, which holds ${call.to}; ${call.from}'s frame is gone and ${call.to} starts with the same context${more}.`;
  const which = call.outcome === "out-of-range" ? "index" : "slot";
  return `CPU ${cpu}: ${call.from} tail-calls ${which} ${call.key} of ${call.map}, but ${fallThrough(call, build)}: the call falls through and ${call.from} goes on${more}.`;
}

/** The values of a map entry, one per CPU (or one), by key in hex. */
function entriesOf(view: StateView, map: string): Map<string, readonly string[]> {
  const entries = new Map<string, readonly string[]>();
  for (const entry of view.maps[map]?.entries ?? []) {
    if ("values" in entry) entries.set(entry.key, entry.values);
    else if ("value" in entry) entries.set(entry.key, [entry.value]);
  }
  return entries;
}

/** What changed in one copy of a value, field by field (`value_from_2` 0 → 22), or in hex. */
function fieldChanges(
  map: MapSummary,
  before: string | undefined,
  after: string,
): { name: string; was: string; now: string }[] {
  if (!map.valueFields) return [{ name: "", was: before ?? "nothing", now: after }];
  return map.valueFields
    .map((field) => ({ name: field.name, was: decodeField(before, field), now: decodeField(after, field) }))
    .filter((change) => change.was !== change.now);
}

function mapWriteSentence(view: StateView, previous: StateView, build: BuildSummary | null): string | null {
  const cpu = view.running?.cpu ?? null;
  for (const map of build?.maps ?? []) {
    if (map.typeName === "prog_array") continue;
    const before = entriesOf(previous, map.name);
    for (const [key, values] of entriesOf(view, map.name)) {
      const old = before.get(key);
      const copy = values.findIndex((value, i) => value !== old?.[i]);
      if (copy < 0) continue;
      const changes = fieldChanges(map, old?.[copy], values[copy] ?? "");
      if (changes.length === 0) continue;
      const writer = cpu === null ? "A program" : `CPU ${cpu}`;
      // The value written (with a field), said as whose copy it is.
      const where = (field: string) =>
        map.perCpu
          ? `${cpu === copy ? "its own copy" : `CPU ${copy}'s copy`} of ${map.name}[${keyLabel(map, key)}]${field}`
          : `${map.name}[${keyLabel(map, key)}]${field}, which all CPUs share`;
      if (changes.length === 1) {
        const [change] = changes;
        return `${writer} writes ${change.now} into ${where(change.name ? `.${change.name}` : "")}; it was ${change.was}.`;
      }
      const list = changes.map((c) => `${c.name} ${c.was} → ${c.now}`).join(", ");
      return `${writer} writes ${where("")}: ${list}.`;
    }
  }
  return null;
}

function finishedSentence(
  view: StateView,
  previous: StateView,
  build: BuildSummary | null,
  packets: readonly PacketReport[] | null,
): string | null {
  if (view.finishedPackets <= previous.finishedPackets) return null;
  const done = previous.cpus.find((p) => !view.cpus.some((q) => q.packet === p.packet)) ?? previous.running;
  const report = done ? packets?.[done.packet] : undefined;
  if (!done || !report) return `${view.finishedPackets} packets are done.`;
  if (report.fault) return `Packet ${done.packet} on CPU ${report.cpu} stops: ${report.fault.message}.`;
  const last = report.programs.at(-1) ?? done.programs.at(-1) ?? "?";
  const type = build?.programs.find((p) => p.name === last)?.type;
  return `Packet ${done.packet} on CPU ${report.cpu} is done: ${last} returns ${report.retval} (${verdictName(type, report.retval)}).`;
}

function startedSentence(view: StateView, previous: StateView): string | null {
  const now = view.running;
  if (!now || previous.cpus.some((p) => p.packet === now.packet)) return null;
  return `CPU ${now.cpu} takes packet ${now.packet}: it enters ${now.programs[0]}, the attached program.`;
}

function printkSentence(view: StateView, previous: StateView): string | null {
  const moved = movedPacket(view, previous);
  const line = moved ? moved.now.printk.slice(moved.before?.printk.length ?? 0).at(-1) : undefined;
  if (!moved || line === undefined) return null;
  return `CPU ${moved.now.cpu}: ${moved.now.programs.at(-1)} prints "${line}".`;
}

/** Longest quote of a statement before it is cut with an ellipsis. */
const QUOTE = 60;

function lineSentence(view: StateView, previous: StateView, input: NarrationInput): string {
  const last = input.last;
  if (last && last.step === view.step) {
    const text = input.lineText?.(last.file, last.line)?.trim() ?? "";
    const quote = text.length > QUOTE ? `${text.slice(0, QUOTE - 1)}…` : text;
    return `CPU ${last.cpu} runs line ${last.line} of ${last.program}${quote ? `: ${quote}` : ""}`;
  }
  const moved = movedPacket(view, previous);
  if (!moved) return `Step ${view.step}: ${whereNow(view)}`;
  const next = moved.now.frames.at(-1);
  return `CPU ${moved.now.cpu} is in ${moved.now.programs.at(-1)}${next ? `; line ${next.line} is next` : ""}.`;
}
