import type { TailscopeState } from "../store";
import { deriveGraph } from "./graph";
import { runFacts } from "./run-facts";

/** The graph the graph pane shows, from the store as it is now (for exports). */
export function currentGraph(state: TailscopeState): ReturnType<typeof deriveGraph> {
  const build = state.build?.loaded ? state.build : state.lastLoadedBuild;
  const report = state.run && "report" in state.run ? state.run.report : null;
  const cursor = state.cursor?.state ?? null;
  const facts = runFacts(
    state.session?.timeline ?? null,
    report?.packets ?? null,
    cursor?.step ?? 0,
    state.cpus,
  );
  return deriveGraph(build, state.cpus, {
    report,
    cursor,
    previous: state.previousCursor?.state ?? null,
    facts,
    attach: state.attach?.program ?? null,
  });
}
