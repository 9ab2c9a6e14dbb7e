import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseScenario, type Scenario } from "../engine/sim/scenario";

/** What a command works on: source files and, for a scenario file, the scenario. */
export interface LoadedInput {
  readonly files: Record<string, string>;
  readonly main: string;
  readonly scenario: Scenario | null;
}

/** An input problem: exit status 2, with a message that names the file and the field. */
export class InputError extends Error {}

const sourceExtensions = /\.(c|h)$/;

/** A .c file brings the .c and .h files beside it (what its quoted #includes can reach). */
function loadCFile(path: string): LoadedInput {
  const directory = dirname(path);
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory)) {
    const full = join(directory, name);
    if (sourceExtensions.test(name) && statSync(full).isFile()) files[name] = readFileSync(full, "utf8");
  }
  return { files, main: basename(path), scenario: null };
}

function loadScenario(path: string, text: string): LoadedInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  const result = parseScenario(json);
  if (!result.ok) throw new InputError(result.errors.map((e) => `${path}: ${e}`).join("\n"));
  return { files: result.scenario.files, main: result.main, scenario: result.scenario };
}

export function loadInput(path: string): LoadedInput {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(
      `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (path.endsWith(".json")) return loadScenario(path, text);
  if (!path.endsWith(".c")) throw new InputError(`${path}: expected a .c file or a .json scenario`);
  return loadCFile(path);
}
