import type { Move } from "../engine";
import { engineWorker } from "../worker/engine-client";
import { useTailscope } from "./store";

/**
 * Runs the scenario's packets in the engine worker and stores the report (or why it could not
 * run), then traces the same run so the cursor can step through it, starting at step 0.
 */
export async function runPackets(): Promise<void> {
  const { files, main, cpus, packetCount, schedule, resumeAt, setRunning, setRun, setSession } =
    useTailscope.getState();
  setRunning(true);
  const engine = engineWorker();
  const interleaveSeed = schedule.mode === "interleaved" ? schedule.seed : undefined;
  const result = await engine.run({ files, main, cpus, packets: packetCount, interleaveSeed });
  if (!result.ok) {
    setSession(null, null);
    setRun({
      error:
        result.error.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join("\n") ||
        `the ${result.error.stage} stage failed`,
    });
    return;
  }
  // Time travel follows the sequential schedule only: an interleaved run is reported, not stepped.
  if (interleaveSeed !== undefined) {
    setSession(null, null);
    setRun({ report: result.report });
    return;
  }
  const traced = await engine.trace({ files, main, cpus, packets: packetCount });
  // The cursor starts at the end, where the report is (stepping back replays the story), or,
  // after an edit, at the same packet and hop when they still exist.
  if (traced.ok) {
    const resumed =
      resumeAt && resumeAt !== "end" ? await engine.locate(resumeAt.packet, resumeAt.hop) : null;
    setSession({ totalSteps: traced.run.totalSteps }, resumed ?? (await engine.seek(traced.run.totalSteps)));
  }
  setRun({ report: result.report });
}

/**
 * Cursor moves run one after another: each starts from where the previous one landed, so a
 * key held down or pressed twice quickly moves twice, never twice from the same place.
 */
let moves: Promise<void> = Promise.resolve();

function enqueue(task: () => Promise<void>): Promise<void> {
  moves = moves.then(task, task);
  return moves;
}

/** Moves the cursor (a step, a hop, a packet, back or forth) over the traced run. */
export function moveCursor(move: Move): Promise<void> {
  return enqueue(async () => {
    const { session, cursor, setCursor } = useTailscope.getState();
    if (!session) return;
    setCursor(await engineWorker().move(cursor?.step ?? 0, move));
  });
}

/** Back to step 0, before the first packet. */
export function resetCursor(): Promise<void> {
  return enqueue(async () => {
    const { session, setCursor } = useTailscope.getState();
    if (session) setCursor(await engineWorker().seek(0));
  });
}

/** To the end of the run. */
export function endCursor(): Promise<void> {
  return enqueue(async () => {
    const { session, setCursor } = useTailscope.getState();
    if (session) setCursor(await engineWorker().seek(session.totalSteps));
  });
}
