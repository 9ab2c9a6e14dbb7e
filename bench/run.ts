import { benchFrontEnd } from "./frontend";
import { benchMachine } from "./machine";
import { type Figure, formatFigure, meets } from "./measure";
import { benchRuntime } from "./runtime";
import { benchTrace } from "./trace";
import { benchUi } from "./ui";

/**
 * `npm run bench`: every performance target of the issues, measured on this machine.
 * Exits non-zero when a target is missed, so a regression is visible.
 */
const figures: Figure[] = [
  benchMachine("before"),
  ...benchFrontEnd(),
  ...benchRuntime(),
  ...benchTrace(),
  ...(await benchUi()),
  benchMachine("after"),
];
for (const figure of figures) console.log(formatFigure(figure));
const missed = figures.filter((f) => !meets(f));
if (missed.length > 0) {
  console.error(`${missed.length} target(s) missed`);
  process.exitCode = 1;
}
