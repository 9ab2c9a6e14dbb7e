import type { StatementEffect } from "../diff";
import type { ValueSource, Writer } from "./sources";

/** Who wrote some bytes, in words. */
export function writerText(writer: Writer): string {
  if (writer === null) return "nothing: it holds its initial value";
  if ("controlPlane" in writer) return `the control plane, before packet ${writer.controlPlane.beforePacket}`;
  return `${writer.program} on CPU ${writer.cpu}, packet ${writer.packet}, ${writer.file}:${writer.line} (step ${writer.step})`;
}

/** Where a stored value came from, in words, with the writer of memory it read. */
export function sourceText(source: ValueSource): string {
  const what = sourceWhat(source);
  return source.kind === "memory" ? `${what}, written by ${writerText(source.writer)}` : what;
}

/** Where a stored value came from, in words (memory without its writer). */
export function sourceWhat(source: ValueSource): string {
  switch (source.kind) {
    case "constant":
      return "a constant";
    case "helper":
      return `the helper ${source.name}`;
    case "context":
      return `the context field ${source.field}`;
    case "packet":
      return `packet bytes ${source.offset} to ${source.offset + source.size - 1}`;
    case "memory": {
      const where =
        "global" in source
          ? `global ${source.global}`
          : `${source.map}[${source.key}]${source.cpu === null ? "" : ` on CPU ${source.cpu}`}`;
      return `${where} (bytes ${source.offset} to ${source.offset + source.size - 1})`;
    }
  }
}

/** What a statement did, in words (a store, a printk line, a tail call). */
export function effectText(effect: StatementEffect): string {
  switch (effect.kind) {
    case "map-write":
      return `wrote ${effect.bytes} into ${effect.map}[${effect.key}] at byte ${effect.offset}, ${effect.cpu === null ? "the shared value" : `CPU ${effect.cpu}'s copy`}`;
    case "printk":
      return `printed "${effect.message}"`;
    case "tail-call":
      return `tail call: ${effect.outcome}${effect.to ? ` to ${effect.to}` : ""}`;
  }
}
