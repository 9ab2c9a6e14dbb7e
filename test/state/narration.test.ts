// The narration of each step, derived in Node from recorded runs of the lessons.
import { describe, expect, it } from "vitest";
import { compile, Session, summarize } from "../../src/engine";
import { lessonById } from "../../src/lessons";
import { narrate } from "../../src/state/derive/narration";

function recorded(id: string, cpus: number) {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const started = Session.start(
    {
      files: lesson.files,
      main: lesson.main,
      ...lesson.settings,
      cpus,
      entry: lesson.settings.attach?.program,
      ...(id === "01-seed-fixed"
        ? { packets: { count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" } }
        : {}),
    },
    { record: true },
  );
  if (!started.ok) throw new Error(`${id} does not run: ${JSON.stringify(started).slice(0, 300)}`);
  const session = started.session;
  const build = summarize(compile({ files: lesson.files, main: lesson.main }));
  const lines = (file: string, line: number) => lesson.files[file]?.split("\n")[line - 1] ?? null;
  /** Every step's sentence, moving forwards one statement at a time. */
  const sentences = Array.from({ length: session.totalSteps }, (_, i) => {
    const before = session.seek(i);
    const after = session.seek(i + 1);
    return narrate({
      view: after.state,
      previous: before.state,
      build,
      packets: session.report.packets,
      last: after.last,
      lineText: lines,
    });
  });
  return { session, build, sentences };
}

describe("narration", () => {
  const seed = recorded("01-seed-fixed", 2);

  it("tells each hop: who calls which slot, what it holds, that the caller's frame is gone", () => {
    expect(seed.sentences).toContain(
      "CPU 0: egress1 tail-calls slot 0 of tail_programs, which holds egress2; egress1's frame is gone and egress2 starts with the same context.",
    );
    expect(seed.sentences).toContain(
      "CPU 1: egress2 tail-calls slot 1 of tail_programs, which holds egress3; egress2's frame is gone and egress3 starts with the same context.",
    );
  });

  it("tells each write into a CPU's own copy, field by field, with the old value", () => {
    expect(seed.sentences).toContain(
      "CPU 0 writes 11 into its own copy of tail_context_map[0].value_from_1; it was 0.",
    );
    expect(seed.sentences).toContain(
      "CPU 1 writes 22 into its own copy of tail_context_map[0].value_from_2; it was 0.",
    );
  });

  it("tells packets starting and ending with their verdict, printk lines and plain lines", () => {
    expect(seed.sentences).toContain("CPU 0 takes packet 0: it enters egress1, the attached program.");
    expect(seed.sentences).toContain("Packet 0 on CPU 0 is done: egress3 returns 1 (SK_PASS).");
    expect(seed.sentences).toContain('CPU 0: egress1 prints "[egress1] Calling egress2".');
    expect(seed.sentences.some((s) => /^CPU 1 runs line \d+ of egress2: __u32 zero = 0;$/.test(s))).toBe(
      true,
    );
    // Every step has a sentence.
    expect(seed.sentences.every((s) => s.length > 10)).toBe(true);
  });

  it("tells a failed tail call why it fell through", () => {
    const { sentences } = recorded("05-empty-and-out-of-range", 2);
    expect(sentences).toContain(
      "CPU 1: dispatch tail-calls slot 1 of handlers, but the slot is empty: the call falls through and dispatch goes on.",
    );
    expect(sentences).toContain(
      "CPU 1: dispatch tail-calls index 3 of handlers, but handlers has 3 slots (0 to 2): the call falls through and dispatch goes on.",
    );
  });

  it("tells the 34th tail call that the limit is reached", () => {
    const { sentences } = recorded("04-tail-call-limit", 1);
    expect(sentences).toContain(
      "CPU 0: count_hops tail-calls slot 0 of self, but 33 tail calls have been made, the limit: the call falls through and count_hops goes on.",
    );
  });

  it("says a step back undoes, and where the cursor is", () => {
    const now = seed.session.seek(5);
    const before = seed.session.seek(9);
    expect(narrate({ view: now.state, previous: before.state, build: seed.build, packets: null })).toMatch(
      /^Back at step 5: CPU 0 has packet 0 in egress1, about to run line \d+\. Going back undoes; nothing is done again\.$/,
    );
    expect(narrate({ view: null, previous: null, build: null, packets: null })).toContain("Run the scenario");
  });
});
