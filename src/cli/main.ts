import { checkCommand } from "./check-command";
import { InputError, loadInput } from "./sources";

const usage = `Usage:
  npm run --silent cli -- check FILE.c|SCENARIO.json [--json]
  npm run --silent cli -- run   FILE.c|SCENARIO.json [--entry NAME] [--cpus N] [--packets N] [--json]`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const json = rest.includes("--json");
  const path = rest.find((arg) => !arg.startsWith("--"));
  const write = (text: string) => process.stdout.write(text);
  if (command === "--help" || command === "-h") {
    write(`${usage}\n`);
    return 0;
  }
  if (command !== "check" || !path) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  try {
    return checkCommand(loadInput(path), json, write);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
