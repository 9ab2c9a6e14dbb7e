// Property-based fuzzing of the whole pipeline (issue 19): mutated lesson sources through the
// front end, loader, verifier and runtime; scenarios with any value in any field; share links
// cut or made up. Whatever comes in: no internal error, no exception, no hang, and every
// diagnostic inside the file it names. CI runs 10,000 inputs with fixed seeds; `npm run fuzz`
// runs many more (FUZZ_SCALE) from a random seed, and prints the seed of any failure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, type Diagnostic, parseScenario, Session } from "../../src/engine";
import { defaultLesson } from "../../src/lessons";
import { readShareFragment, shareFragment } from "../../src/state/share-link";
import { workspaceFromScenario } from "../../src/state/workspace";
import { fragment, mutatedLesson, mutatedScenario } from "./arbitraries";

const scale = Number(process.env.FUZZ_SCALE ?? 1);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const settings = (runs: number, fixedSeed: number) => ({
  numRuns: Math.round(runs * scale),
  seed: seed ?? (scale > 1 ? Date.now() : fixedSeed),
});

/** A diagnostic in a user file points at a line and column of that file. */
function insideItsFile(d: Diagnostic, files: Readonly<Record<string, string>>): boolean {
  const text = files[d.file];
  if (text === undefined) return true; // a built-in header, or the scenario itself
  const lines = text.split("\n").length;
  return d.line >= 1 && d.line <= lines && d.column >= 1 && d.endLine >= d.line;
}

function noInternalError(messages: readonly string[]): void {
  const internal = messages.filter((m) => /internal error/i.test(m));
  expect(internal).toEqual([]);
}

describe("fuzzing the pipeline", () => {
  it("mutated lesson sources: diagnostics in place, runs without internal errors", () => {
    fc.assert(
      fc.property(mutatedLesson, (input) => {
        const built = compile(input);
        noInternalError(built.diagnostics.map((d) => d.message));
        expect(built.diagnostics.filter((d) => !insideItsFile(d, input.files))).toEqual([]);
        if (!built.object || built.diagnostics.some((d) => d.severity === "error")) return;
        const started = Session.start(
          {
            files: input.files,
            main: input.main,
            cpus: 2,
            packets: { count: 3, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
          },
          { record: true, built },
        );
        if (!started.ok) return;
        noInternalError(started.session.report.packets.map((p) => p.fault?.message ?? ""));
        // Time travel over what ran: the end, the start and the middle.
        const total = started.session.totalSteps;
        for (const step of [total, 0, total >> 1]) expect(started.session.seek(step).step).toBe(step);
      }),
      settings(4000, 19),
    );
  }, 600_000);

  it("scenarios with any value in any field: a named error or a run", () => {
    fc.assert(
      fc.property(mutatedScenario, (value) => {
        const parsed = parseScenario(value);
        if (!parsed.ok) {
          expect(parsed.errors.length).toBeGreaterThan(0);
          for (const error of parsed.errors) expect(error).toMatch(/^[^:]+: ./);
          return;
        }
        const { scenario } = parsed;
        const started = Session.start(
          {
            files: scenario.files,
            main: parsed.main,
            cpus: scenario.cpus,
            entry: scenario.attach?.program,
            packets: scenario.packets,
            control: scenario.control,
            schedule: scenario.schedule,
          },
          { record: scenario.cpus % 2 === 0 },
        );
        if (!started.ok) {
          noInternalError(started.error.diagnostics.map((d) => d.message));
          return;
        }
        const report = started.session.report;
        noInternalError(report.packets.map((p) => p.fault?.message ?? ""));
        expect(report.packets.length).toBe(
          Array.isArray(scenario.packets) ? scenario.packets.length : scenario.packets.count,
        );
      }),
      settings(3000, 23),
    );
  }, 600_000);

  it("share links cut, changed or made up: the workspace, or a message, never an exception", () => {
    const real = shareFragment(
      {
        title: defaultLesson.title,
        lessonId: defaultLesson.id,
        files: defaultLesson.files,
        main: defaultLesson.main,
        settings: defaultLesson.settings,
      },
      12,
    );
    fc.assert(
      fc.property(fragment(real), (text) => {
        const view = readShareFragment(text);
        if (view.ok)
          expect(workspaceFromScenario({ ...view.workspace, ...view.workspace.settings }).ok).toBe(true);
        else expect(view.error.length).toBeGreaterThan(0);
      }),
      settings(3000, 29),
    );
  }, 600_000);
});
