import type { CursorState } from "../../engine";
import type { TailscopeState } from "../store";
import { deriveGraph } from "./graph";
import { runFacts } from "./run-facts";

/** The graph the graph pane shows, from the store as it is now (for exports). */
export function currentGraph(state: TailscopeState): ReturnType<typeof deriveGraph> {
  return graphAt(state, state.cursor, state.previousCursor);
}

/** The graph as it stands at a cursor, the move from `previous` flashing (a frame of an animation). */
export function graphAt(
  state: TailscopeState,
  cursor: CursorState | null,
  previous: CursorState | null,
): ReturnType<typeof deriveGraph> {
  const build = state.build?.loaded ? state.build : state.lastLoadedBuild;
  const report = state.run && "report" in state.run ? state.run.report : null;
  const view = cursor?.state ?? null;
  const facts = runFacts(
    state.session?.timeline ?? null,
    report?.packets ?? null,
    view?.step ?? 0,
    state.cpus,
  );
  return deriveGraph(build, state.cpus, {
    report,
    cursor: view,
    previous: previous?.state ?? null,
    facts,
    attach: state.attach?.program ?? null,
  });
}
