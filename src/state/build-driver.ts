import { useTailscope } from "./store";

/** Pause after the last keystroke before building: short enough to feel live, long enough to skip mid-word builds. */
const BUILD_DELAY_MS = 120;

/**
 * Rebuilds whenever the sources change, after a pause in typing; a scenario change (CPUs,
 * packets, control actions, schedule, entry) with a run to come back to re-runs after the same
 * pause, so typing "16" in the CPU field runs once.
 */
export function startBuildDriver(): () => void {
  let buildTimer: ReturnType<typeof setTimeout> | null = null;
  let rerunTimer: ReturnType<typeof setTimeout> | null = null;
  const later = (timer: ReturnType<typeof setTimeout> | null, task: () => void) => {
    if (timer) clearTimeout(timer);
    return setTimeout(task, BUILD_DELAY_MS);
  };
  const rerun = () => {
    const state = useTailscope.getState();
    if (state.resumeAt && state.build?.runnable && !state.building) void state.runScenario();
  };

  void useTailscope.getState().rebuild();
  const unsubscribe = useTailscope.subscribe((state, previous) => {
    if (state.files !== previous.files || state.main !== previous.main)
      buildTimer = later(buildTimer, () => void useTailscope.getState().rebuild());
    else if (
      state.cpus !== previous.cpus ||
      state.packets !== previous.packets ||
      state.control !== previous.control ||
      state.schedule !== previous.schedule ||
      state.attach !== previous.attach
    )
      rerunTimer = later(rerunTimer, rerun);
  });
  return () => {
    unsubscribe();
    if (buildTimer) clearTimeout(buildTimer);
    if (rerunTimer) clearTimeout(rerunTimer);
  };
}
