import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseScenario, type Scenario } from "../engine/sim/scenario";

/** What a command works on: source files and, for a scenario file, the scenario. */
export interface LoadedInput {
  readonly files: Record<string, string>;
  readonly main: string;
  readonly scenario: Scenario | null;
  /** The file given on the command line. */
  readonly path: string;
}

/** An input problem: exit status 2, with a message that names the file and the field. */
export class InputError extends Error {}

const sourceExtensions = /\.(c|h)$/;

/**
 * A .c file brings the .c and .h files beside it (what its quoted #includes can reach). One that
 * cannot be read (a broken link) is left out with a warning: an #include of it then says the
 * file is not found, at the line, as clang does.
 */
function loadCFile(path: string, warn: (text: string) => void): LoadedInput {
  const directory = dirname(path);
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory)) {
    if (!sourceExtensions.test(name)) continue;
    const full = join(directory, name);
    try {
      if (statSync(full).isFile()) files[name] = readFileSync(full, "utf8");
    } catch (error) {
      if (full === join(directory, basename(path))) throw error;
      warn(
        `warning: ${full}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); left out\n`,
      );
    }
  }
  return { files, main: basename(path), scenario: null, path };
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
  return { files: result.scenario.files, main: result.main, scenario: result.scenario, path };
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
  return loadCFile(path, (text) => process.stderr.write(text));
}
