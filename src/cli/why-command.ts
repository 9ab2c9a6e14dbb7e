import { Session, sourceText, type WhyAnswer, type WhyTarget, writerText } from "../engine";
import { requestOf, writeBuildError } from "./run-command";
import { InputError, type LoadedInput } from "./sources";

export interface WhyOptions {
  readonly json: boolean;
  readonly packet: number;
  readonly map?: string;
  readonly key?: string;
  readonly cpu?: number;
  readonly global?: string;
  readonly field?: string;
}

/**
 * `why` (contract.md §4): where a map cell's or global's bytes came from right after a packet
 * finished. A question that names nothing the run has is an input error (exit 2), naming it.
 */
export function whyCommand(input: LoadedInput, options: WhyOptions, write: (text: string) => void): number {
  const target = targetOf(options);
  const started = Session.start(requestOf(input), { record: true });
  if (!started.ok) return writeBuildError(started.error, options.json, write);
  const result = started.session.whyAfterPacket(target, options.packet);
  if (!result.ok) throw new InputError(`${input.path}: ${result.error}`);
  if (options.json) write(`${JSON.stringify(contractAnswer(result.answer), null, 2)}\n`);
  else write(describe(target, options.packet, result.answer));
  return 0;
}

function targetOf(options: WhyOptions): WhyTarget {
  if (options.global !== undefined) {
    if (options.map !== undefined || options.key !== undefined || options.cpu !== undefined)
      throw new InputError("--global: give a global, or --map and --key, not both");
    return { kind: "global", global: options.global, field: options.field };
  }
  if (options.map === undefined)
    throw new InputError("which value? give --map NAME --key HEX, or --global NAME");
  if (options.key === undefined)
    throw new InputError(`--key: which key of map '${options.map}'? (hex, e.g. 00000000)`);
  return {
    kind: "map",
    map: options.map,
    key: options.key.toLowerCase(),
    cpu: options.cpu ?? null,
    field: options.field,
  };
}

/** The answer as contract.md §4 writes it (the next reader and the byte range are extras). */
function contractAnswer(answer: WhyAnswer) {
  const { value, writer, sources, nextReader } = answer;
  return { value, writer, sources, nextReader };
}

function describe(target: WhyTarget, packet: number, answer: WhyAnswer): string {
  const field = target.field ? `.${target.field}` : "";
  const place =
    target.kind === "global"
      ? `global ${target.global}${field}`
      : `${target.map}[${target.key}]${field}${target.cpu === null ? "" : ` on CPU ${target.cpu}`}`;
  const lines = [
    `${place} = ${answer.value} after packet ${packet}`,
    `  written by ${writerText(answer.writer)}`,
    ...answer.sources.map((source) => `  from ${sourceText(source)}`),
    `  next read by ${answer.nextReader ? writerText(answer.nextReader) : "no statement after it"}`,
  ];
  return `${lines.join("\n")}\n`;
}
