import { checkCommand } from "./check-command";
import { runCommand } from "./run-command";
import { InputError, loadInput } from "./sources";

const usage = `Usage:
  npm run --silent cli -- check FILE.c|SCENARIO.json [--json]
  npm run --silent cli -- run   FILE.c|SCENARIO.json [--entry NAME] [--cpus N] [--packets N] [--json]`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const json = rest.includes("--json");
  const valued = new Set(["--entry", "--cpus", "--packets"]);
  const path = rest.find((arg, i) => !arg.startsWith("--") && !valued.has(rest[i - 1]));
  const write = (text: string) => process.stdout.write(text);
  if (command === "--help" || command === "-h") {
    write(`${usage}\n`);
    return 0;
  }
  if ((command !== "check" && command !== "run") || !path) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  try {
    if (command === "check") return checkCommand(loadInput(path), json, write);
    const cpus = numberOption(rest, "--cpus");
    const packets = numberOption(rest, "--packets");
    if (cpus !== undefined && (cpus < 1 || cpus > 64)) throw new InputError("--cpus: must be from 1 to 64");
    return runCommand(loadInput(path), { json, entry: stringOption(rest, "--entry"), cpus, packets }, write);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function stringOption(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function numberOption(args: string[], name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new InputError(`${name}: expected a whole number, got '${text}'`);
  return value;
}

process.exitCode = main(process.argv.slice(2));
