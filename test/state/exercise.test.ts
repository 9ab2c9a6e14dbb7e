// Every lesson's exercise: not done as the lesson ships, done after the change it asks for.
import { describe, expect, it } from "vitest";
import { compile, Session, summarize } from "../../src/engine";
import { type Lesson, lessonById, lessons } from "../../src/lessons";
import { checkExercise } from "../../src/state/derive/exercise";

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

/** A lesson's main file with replacements made, each of which must apply. */
function edited(of: Lesson, ...changes: [string, string][]): Record<string, string> {
  let text = of.files[of.main];
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`${of.id}: no ${JSON.stringify(from)} to replace`);
    text = text.split(from).join(to);
  }
  return { ...of.files, [of.main]: text };
}

const seed = lesson("01-seed-fixed");
const solutions: Record<string, () => Record<string, string>> = {
  "01-seed-fixed": () => edited(seed, ["ctx2->value_from_2 = 22;", "ctx2->value_from_2 = 33;"]),
  "02-seed-as-published": () => ({
    ...seed.files,
    [lesson("02-seed-as-published").main]: seed.files[seed.main],
  }),
  "03-why-per-cpu": () =>
    edited(
      lesson("03-why-per-cpu"),
      ["__u32 zero = 0;", "__u32 zero = bpf_get_smp_processor_id();"],
      ["__uint(max_entries, 1);", "__uint(max_entries, 4);"],
    ),
  "04-tail-call-limit": () =>
    edited(lesson("04-tail-call-limit"), [
      "*count += 1;",
      "*count += 1;\n\tif (*count > 10) {\n\t\t*count = 0;\n\t\treturn 1;\n\t}",
    ]),
  "05-empty-and-out-of-range": () =>
    edited(
      lesson("05-empty-and-out-of-range"),
      [
        "int handle_c(struct __sk_buff *skb);",
        "int handle_c(struct __sk_buff *skb);\nint handle_b(struct __sk_buff *skb);",
      ],
      ["[0] = (void *)&handle_a,", "[0] = (void *)&handle_a, [1] = (void *)&handle_b,"],
    ),
  "06-packet-parser": () =>
    edited(lesson("06-packet-parser"), ["? TC_ACT_SHOT : TC_ACT_OK", "? TC_ACT_OK : TC_ACT_OK"]),
  "07-xdp-dispatcher": () =>
    edited(lesson("07-xdp-dispatcher"), [
      'bpf_printk("xdp_tcp: drop");\n\treturn count(XDP_DROP);',
      'bpf_printk("xdp_tcp: pass");\n\treturn count(XDP_PASS);',
    ]),
  "08-tc-classifier": () =>
    edited(lesson("08-tc-classifier"), [
      'bpf_printk("tc_mark: mark %u, TC_ACT_SHOT", skb->mark);\n\t\treturn TC_ACT_SHOT;',
      'bpf_printk("tc_mark: mark %u, let through", skb->mark);\n\t\treturn TC_ACT_OK;',
    ]),
  "09-bpf2bpf-and-tail-calls": () =>
    edited(lesson("09-bpf2bpf-and-tail-calls"), ["bpf_tail_call(skb, &next, 0);", ""]),
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
      const solution = solutions[of.id];
      expect(solution, `${of.id} has a solution here`).toBeDefined();
      const after = check(of, solution());
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
