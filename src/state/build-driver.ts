import { engineWorker } from "../worker/engine-client";
import { runPackets } from "./run-action";
import { useTailscope } from "./store";

/** Pause after the last keystroke before building: short enough to feel live, long enough to skip mid-word builds. */
const BUILD_DELAY_MS = 120;

/**
 * Rebuilds in the engine worker whenever the sources change. Only the newest request's result
 * is kept, so a slow build never overwrites a newer one.
 */
export function startBuildDriver(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest = 0;

  const build = async () => {
    const request = ++latest;
    const { files, main, setBuilding, setBuild } = useTailscope.getState();
    setBuilding(true);
    const summary = await engineWorker().build(files, main);
    if (request !== latest) return;
    setBuild(summary);
    // Editing during a step-through re-simulates and brings the cursor back to its packet and hop.
    if (summary.runnable && useTailscope.getState().resumeAt) void runPackets();
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(build, BUILD_DELAY_MS);
  };

  // A scenario change (CPUs, packets, control actions, schedule) with a run to come back to
  // re-runs after the same pause, so typing "16" in the CPU field runs once.
  const rerun = () => {
    if (rerunTimer) clearTimeout(rerunTimer);
    rerunTimer = setTimeout(() => {
      const state = useTailscope.getState();
      if (state.resumeAt && state.build?.runnable && !state.building) void runPackets();
    }, BUILD_DELAY_MS);
  };
  let rerunTimer: ReturnType<typeof setTimeout> | null = null;

  void build();
  const unsubscribe = useTailscope.subscribe((state, previous) => {
    if (state.files !== previous.files || state.main !== previous.main) schedule();
    else if (
      state.cpus !== previous.cpus ||
      state.packets !== previous.packets ||
      state.control !== previous.control ||
      state.schedule !== previous.schedule ||
      state.attach !== previous.attach
    )
      rerun();
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (rerunTimer) clearTimeout(rerunTimer);
  };
}
