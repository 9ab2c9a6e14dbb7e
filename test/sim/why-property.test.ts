// Properties of "where did this come from?" that hold for every run: at each recorded store,
// the answer for the bytes it wrote names that store, and the value is the one it left; a
// logpoint never changes the run's report.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportJson } from "../../src/engine";
import { Session } from "../../src/engine/session";
import { lessonById } from "../../src/lessons";

const lessons = ["01-seed-fixed", "03-why-per-cpu", "06-packet-parser", "09-bpf2bpf-and-tail-calls"] as const;

const runs = fc.record({
  lesson: fc.constantFrom(...lessons),
  cpus: fc.integer({ min: 1, max: 6 }),
  count: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 1, max: 1000 }),
  interleaved: fc.boolean(),
  template: fc.constantFrom("ipv4-udp" as const, "ipv4-tcp" as const, "ipv6-udp" as const),
});

type Run = typeof runs extends fc.Arbitrary<infer T> ? T : never;

function start(run: Run, record: boolean, logpoints = false) {
  const lesson = lessonById(run.lesson);
  if (!lesson) throw new Error(run.lesson);
  const main = lesson.files[lesson.main].split("\n");
  // A return directly in a function body (a statement in a block, where a logpoint can go).
  const returnLine = main.findIndex((line) => /^\treturn\b/.test(line)) + 1;
  const started = Session.start(
    {
      files: lesson.files,
      main: lesson.main,
      cpus: run.cpus,
      entry: lesson.settings.attach?.program,
      packets: { count: run.count, cpu: "round-robin", seed: run.seed, template: run.template },
      ...(run.interleaved ? { schedule: { mode: "interleaved" as const, seed: run.seed } } : {}),
      ...(logpoints
        ? {
            logpoints: [
              { file: lesson.main, line: returnLine, format: "cpu %u", args: ["bpf_get_smp_processor_id()"] },
            ],
          }
        : {}),
    },
    { record },
  );
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  return started.session;
}

describe("why, for every run", () => {
  it("names the store at each recorded store, and shows the bytes it left", () => {
    fc.assert(
      fc.property(runs, (run) => {
        const session = start(run, true);
        const trace = session.travel.trace;
        for (const write of trace.mapWriteEvents()) {
          const result = session.why(
            { kind: "map", map: write.map, key: write.key, cpu: write.cpu },
            write.step,
          );
          if (!result.ok) throw new Error(result.error);
          expect(result.answer.writer).toMatchObject({ step: write.step });
          expect(result.answer.value).toBe(write.after);
        }
      }),
      { numRuns: 25, seed: 16 },
    );
  });

  it("logpoints leave the report as it is", () => {
    fc.assert(
      fc.property(runs, (run) => {
        const plain = reportJson(start(run, false).report);
        const logged = start(run, false, true);
        expect(reportJson(logged.report)).toEqual(plain);
        expect(logged.logpoints().errors).toEqual([null]);
      }),
      { numRuns: 15, seed: 16 },
    );
  });
});
