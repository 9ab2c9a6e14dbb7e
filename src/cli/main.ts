import { type ParseArgsConfig, parseArgs } from "node:util";
import { MAX_CPUS } from "../engine";
import { checkCommand } from "./check-command";
import { diffCommand } from "./diff-command";
import { blockingWriter } from "./output";
import { runCommand } from "./run-command";
import { InputError, loadInput } from "./sources";
import { whyCommand } from "./why-command";

const usage = `Usage:
  npm run --silent cli -- check FILE.c|SCENARIO.json [--json]
  npm run --silent cli -- run   FILE.c|SCENARIO.json [--entry NAME] [--cpus N] [--packets N] [--json]
  npm run --silent cli -- why   SCENARIO.json --packet N (--map NAME --key HEX [--cpu C] | --global NAME) [--field NAME] [--json]
  npm run --silent cli -- diff  A.json B.json [--json]`;

/** Each command's options: an unknown one, or one missing its value, is an error, not ignored. */
const commands = {
  check: { json: { type: "boolean" } },
  run: {
    json: { type: "boolean" },
    entry: { type: "string" },
    cpus: { type: "string" },
    packets: { type: "string" },
  },
  why: {
    json: { type: "boolean" },
    packet: { type: "string" },
    map: { type: "string" },
    key: { type: "string" },
    cpu: { type: "string" },
    global: { type: "string" },
    field: { type: "string" },
  },
  diff: { json: { type: "boolean" } },
} as const;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const write = blockingWriter(1);
  if (command === "--help" || command === "-h") {
    write(`${usage}\n`);
    return 0;
  }
  if (!isCommand(command)) return fail(`unknown command '${command ?? ""}'`);
  const parsed = parse(command, rest);
  if (typeof parsed === "string") return fail(parsed);
  const { values, positionals } = parsed;
  const files = command === "diff" ? 2 : 1;
  if (positionals.length !== files)
    return fail(
      command === "diff"
        ? "diff compares two scenarios: name A.json and B.json"
        : positionals.length === 0
          ? "which file? name one .c file or scenario"
          : "one file at a time",
    );
  const json = values.json ?? false;
  const path = positionals[0];
  let stage = "reading it";
  try {
    if (command === "diff") {
      const inputs = positionals.map((file) => loadInput(file));
      stage = "comparing them";
      return diffCommand(inputs[0], inputs[1], json, write);
    }
    if (command === "why") {
      if (values.packet === undefined)
        throw new InputError("--packet: which packet? (right after it finished)");
      const options = {
        json,
        packet: wholeNumber("--packet", values.packet) ?? 0,
        map: values.map,
        key: values.key,
        cpu: wholeNumber("--cpu", values.cpu),
        global: values.global,
        field: values.field,
      };
      const input = loadInput(path);
      stage = "answering it";
      return whyCommand(input, options, write);
    }
    const cpus = wholeNumber("--cpus", values.cpus);
    const packets = wholeNumber("--packets", values.packets);
    if (cpus !== undefined && (cpus < 1 || cpus > MAX_CPUS))
      throw new InputError(`--cpus: must be from 1 to ${MAX_CPUS}`);
    if (packets !== undefined && packets > MAX_PACKETS)
      throw new InputError(
        `--packets: at most ${MAX_PACKETS.toLocaleString("en")} (a scenario's limit), got ${text(values.packets)}`,
      );
    const input = loadInput(path);
    stage = command === "check" ? "checking it" : "running it";
    if (command === "check") return checkCommand(input, json, write);
    return runCommand(input, { json, entry: values.entry, cpus, packets }, write);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    // A bug in Tailscope, not in the input: one line that says where, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${path}: Tailscope failed while ${stage}: ${message}\n`);
    return 2;
  }
}

/** Packets a scenario may ask for (contract.md §1's generator: `count` up to 10,000,000). */
const MAX_PACKETS = 10_000_000;

function text(value: string | undefined): string {
  return `'${value ?? ""}'`;
}

function isCommand(command: string | undefined): command is keyof typeof commands {
  return command !== undefined && Object.hasOwn(commands, command);
}

interface Parsed {
  readonly values: {
    json?: boolean;
    entry?: string;
    cpus?: string;
    packets?: string;
    packet?: string;
    map?: string;
    key?: string;
    cpu?: string;
    global?: string;
    field?: string;
  };
  readonly positionals: string[];
}

/** The command's options and its file, or what is wrong with them. */
function parse(command: keyof typeof commands, args: string[]): Parsed | string {
  try {
    // Strict parsing lets through only the options declared, strings as strings: what Parsed says.
    const options: ParseArgsConfig["options"] = commands[command];
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as Parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /^Unknown option '([^']+)'/.exec(message)?.[1];
    return option ? `${command}: unknown option '${option}'` : message;
  }
}

/** A usage error: the reason, then the usage, and exit status 2. */
function fail(reason: string): number {
  process.stderr.write(`${reason}\n${usage}\n`);
  return 2;
}

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isInteger(value) || value < 0)
    throw new InputError(`${name}: expected a whole number, got '${text}'`);
  return value;
}

process.exitCode = main(process.argv.slice(2));
