// A fresh run stepped statement by statement: the oracle time travel is checked against.
import type { LoadedObject, StateView } from "../../src/engine";
import { prepareRun, type RunInput } from "../../src/engine/runtime/run";
import { stateView } from "../../src/engine/sim/state-view";
import type { TypedProgram } from "../../src/engine/types/symbols";

/** The machine a fresh run has after `step` whole statements, nothing recorded, nothing restored. */
export function freshState(
  program: TypedProgram,
  object: LoadedObject,
  input: RunInput,
  step: number,
): StateView {
  const scheduler = prepareRun(program, object, input);
  while (scheduler.steps < step && !scheduler.done) scheduler.step();
  return stateView(scheduler, scheduler.steps, null);
}
