// Every lesson's exercise: not done as the lesson ships, done after the change it asks for.
import { describe, expect, it } from "vitest";
import { compile, Session, summarize } from "../../src/engine";
import { type Lesson, lessonById, lessons } from "../../src/lessons";
import { checkExercise } from "../../src/state/derive/exercise";
import { exerciseSolutions } from "../support/exercise-solutions";

function lesson(id: string): Lesson {
  const found = lessonById(id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
}

/** Builds and runs sources with a lesson's scenario, and checks its first exercise. */
function check(of: Lesson, files: Record<string, string>, main = of.main) {
  const build = summarize(compile({ files, main }));
  const started = build.runnable
    ? Session.start({ files, main, ...of.settings, entry: of.settings.attach?.program }, { record: false })
    : null;
  const report = started?.ok ? started.session.report : null;
  return checkExercise(of.exercises[0], build, report);
}

const seed = lesson("01-seed-fixed");
const solved = (of: Lesson) => {
  const solve = exerciseSolutions[of.id];
  if (!solve) throw new Error(`${of.id} has no solution here`);
  return solve({ ...of.files }, of.main, { files: seed.files, main: seed.main });
};

describe("exercises", () => {
  it("every lesson has one", () => {
    for (const of of lessons) expect(of.exercises.length, of.id).toBeGreaterThanOrEqual(1);
  });

  for (const of of lessons)
    it(`${of.id}: not done as shipped, with a reason in words; done after the change it asks for`, () => {
      const before = check(of, of.files);
      expect(before.done, of.id).toBe(false);
      if (!before.done) expect(before.wrong.length).toBeGreaterThan(0);
      const after = check(of, solved(of));
      expect(after, of.id).toEqual({ done: true });
    });

  it("says what is wrong in plain words", () => {
    const verdict = check(seed, seed.files);
    expect(verdict).toEqual({
      done: false,
      wrong: ["CPUs 0, 1 never printed “second=33”: CPU 0's last line was “[egress3] first=11 second=22”."],
    });
  });
});
