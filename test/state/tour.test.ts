// Every lesson's guided tour, checked against a recorded run of the lesson.
import { describe, expect, it } from "vitest";
import { compile, Session, summarize } from "../../src/engine";
import { lessons } from "../../src/lessons";

describe("guided tours", () => {
  it("every lesson has a tour", () => {
    expect(lessons).toHaveLength(9);
    for (const lesson of lessons) expect(lesson.tour.length, lesson.id).toBeGreaterThanOrEqual(2);
  });

  for (const lesson of lessons)
    it(`${lesson.id}: each stop is a step of the run, and spotlights what is there`, () => {
      const build = summarize(compile({ files: lesson.files, main: lesson.main }));
      const names = new Set([...build.programs.map((p) => p.name), ...build.maps.map((m) => m.name)]);
      for (const stop of lesson.tour)
        for (const name of stop.spotlight ?? []) expect(names, `${lesson.id}: ${name}`).toContain(name);
      const placed = lesson.tour.filter((stop) => stop.at);
      if (!build.runnable) {
        expect(placed, `${lesson.id} does not run: its stops cannot have a place`).toEqual([]);
        return;
      }
      const started = Session.start(
        {
          files: lesson.files,
          main: lesson.main,
          ...lesson.settings,
          entry: lesson.settings.attach?.program,
        },
        { record: true },
      );
      if (!started.ok) throw new Error(`${lesson.id} does not run`);
      let last = -1;
      for (const stop of placed) {
        const at = stop.at as { packet: number; hop: number };
        const cursor = started.session.locate(at.packet, at.hop);
        expect(cursor, `${lesson.id}: packet ${at.packet}, hop ${at.hop}`).not.toBeNull();
        const step = cursor?.step ?? -1;
        expect(step, `${lesson.id}: stops go forwards`).toBeGreaterThan(last);
        last = step;
        // The program the stop lands in is one it spotlights, when it spotlights programs.
        const running = cursor?.state.running?.programs.at(-1);
        const programs = (stop.spotlight ?? []).filter((name) => build.programs.some((p) => p.name === name));
        if (programs.length > 0)
          expect(programs, `${lesson.id}: packet ${at.packet}, hop ${at.hop}`).toContain(running);
      }
    });
});

describe("predict-then-reveal questions", () => {
  for (const lesson of lessons.filter((l) => l.questions.length > 0))
    it(`${lesson.id}: each question has a place in the run and a right answer among its choices`, () => {
      const started = Session.start(
        {
          files: lesson.files,
          main: lesson.main,
          ...lesson.settings,
          entry: lesson.settings.attach?.program,
        },
        { record: true },
      );
      if (!started.ok) throw new Error(`${lesson.id} does not run`);
      for (const question of lesson.questions) {
        expect(started.session.locate(question.at.packet, question.at.hop), question.id).not.toBeNull();
        expect(question.choices[question.answer], question.id).toBeDefined();
      }
    });

  it("the seed's second question is right: CPU 1's own copy holds 22 when packet 1 reaches egress3", () => {
    const seed = lessons[0];
    const started = Session.start({ files: seed.files, main: seed.main, ...seed.settings }, { record: true });
    if (!started.ok) throw new Error("the seed does not run");
    const cursor = started.session.locate(1, 2);
    expect(cursor?.state.running?.programs.at(-1)).toBe("egress3");
    const entry = cursor?.state.maps.tail_context_map?.entries[0];
    const cpu1 = entry && "values" in entry ? entry.values[1] : undefined;
    // value_from_1 then value_from_2, a byte each: 11 and 22.
    expect(cpu1).toBe("0b16");
  });
});
