import { benchDebugging } from "./debugging";
import { benchFrontEnd } from "./frontend";
import { benchMachine } from "./machine";
import { type Figure, formatFigure, meets } from "./measure";
import { benchMemory } from "./memory";
import { benchRuntime } from "./runtime";
import { benchTrace } from "./trace";
import { benchUi } from "./ui";

/** The groups of figures, by the name `npm run bench -- NAME…` picks them with. */
const groups: Record<string, () => Figure[] | Promise<Figure[]>> = {
  debugging: benchDebugging,
  frontend: benchFrontEnd,
  memory: benchMemory,
  runtime: benchRuntime,
  trace: benchTrace,
  ui: benchUi,
};

/**
 * `npm run bench`: every performance target of the issues, measured on this machine, or only
 * the groups named (`npm run bench -- runtime`). Exits non-zero when a target is missed, so a
 * regression is visible.
 */
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in groups));
if (unknown.length > 0) {
  console.error(
    `no benchmark group named ${unknown.join(", ")}; the groups: ${Object.keys(groups).join(", ")}`,
  );
  process.exit(2);
}
const figures: Figure[] = [benchMachine("before")];
for (const [name, bench] of Object.entries(groups))
  if (asked.length === 0 || asked.includes(name)) figures.push(...(await bench()));
figures.push(benchMachine("after"));
for (const figure of figures) console.log(formatFigure(figure));
const missed = figures.filter((f) => !meets(f));
if (missed.length > 0) {
  console.error(`${missed.length} target(s) missed`);
  process.exitCode = 1;
}
