import { useState } from "react";
import type { Exercise } from "../../lessons";
import { checkExercise, type Verdict } from "../../state/derive/exercise";
import { markDone, readProgress, resetProgress } from "../../state/exercise-progress";
import { useTailscope } from "../../state/store";
import { InlineCode } from "../common/InlineCode";

/** Resolves when the store no longer says `busy` (no run, or no build, is going on). */
function settled(busy: (state: ReturnType<typeof useTailscope.getState>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (!busy(useTailscope.getState())) return resolve();
    const stop = useTailscope.subscribe((state) => {
      if (busy(state)) return;
      stop();
      resolve();
    });
  });
}

const runFinished = () => settled((state) => state.running);
/** A build the page started (a link just opened) may land after this check's own. */
const buildFinished = () => settled((state) => state.building);

/**
 * Checks an exercise against the sources as they are now: builds them (a build of unchanged
 * sources takes a millisecond; the one the editor schedules after typing may not have come
 * yet), runs the scenario when there is no run of them, then reads the build and the run.
 */
async function check(exercise: Exercise): Promise<Verdict> {
  // The editor's own build after typing may land while this one runs and set the run aside:
  // build and run again until a run of the sources as they are stands (a few times at most).
  for (let attempt = 0; ; attempt++) {
    await useTailscope.getState().rebuild();
    await buildFinished();
    // A build after an edit re-runs the scenario by itself: wait for that run rather than race it.
    await runFinished();
    let state = useTailscope.getState();
    if (state.build?.runnable && !state.run && !state.running) {
      await state.runScenario();
      await runFinished();
      state = useTailscope.getState();
    }
    const report = state.run && "report" in state.run ? state.run.report : null;
    if (report || !state.build?.runnable || attempt >= 3) return checkExercise(exercise, state.build, report);
  }
}

/**
 * A lesson's exercises: each task, a *Check* that says what is still wrong in plain words, and
 * the exercises done so far (kept in this browser; *Reset* forgets them).
 */
export function ExercisePanel({
  lessonId,
  exercises,
}: {
  readonly lessonId: string;
  readonly exercises: readonly Exercise[];
}) {
  const [progress, setProgress] = useState(readProgress);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict | "checking">>({});
  if (exercises.length === 0) return null;
  const done = new Set(progress[lessonId] ?? []);
  return (
    <section className="exercises" data-testid="exercise" aria-label="Exercises">
      {exercises.map((exercise) => {
        const verdict = verdicts[exercise.id];
        return (
          <div key={exercise.id} className="exercise">
            <p className="exercise-task">
              <strong>Exercise{done.has(exercise.id) ? " (done ✓)" : ""}:</strong>{" "}
              <InlineCode text={exercise.task} />
            </p>
            <button
              type="button"
              className="toolbar-button"
              data-testid="btn-check-exercise"
              disabled={verdict === "checking"}
              onClick={async () => {
                setVerdicts((v) => ({ ...v, [exercise.id]: "checking" }));
                const result = await check(exercise);
                setVerdicts((v) => ({ ...v, [exercise.id]: result }));
                if (result.done) setProgress(markDone(lessonId, exercise.id));
              }}
            >
              Check
            </button>
            <div className="exercise-result" data-testid="exercise-result" role="status" aria-live="polite">
              {verdict === "checking" && "Checking…"}
              {verdict && verdict !== "checking" && verdict.done && "Done: the run does what the task asks."}
              {verdict && verdict !== "checking" && !verdict.done && (
                <ul>
                  {verdict.wrong.map((why) => (
                    <li key={why}>{why}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        );
      })}
      {done.size > 0 && (
        <button
          type="button"
          className="toolbar-button"
          data-testid="btn-reset-exercises"
          onClick={() => setProgress(resetProgress())}
        >
          Reset progress
        </button>
      )}
    </section>
  );
}
