// Logpoints after the fact: printk-like lines at a source line, evaluated in the frame about to
// run it, in a second pass that changes nothing the program sees.
import { describe, expect, it } from "vitest";
import { reportJson } from "../../src/engine";
import { Session } from "../../src/engine/session";
import type { Logpoint } from "../../src/engine/sim/logpoints";
import { lessonById } from "../../src/lessons";

const found = lessonById("01-seed-fixed");
if (!found) throw new Error("no seed");
const seed = found;
const lines = seed.files[seed.main].split("\n");
const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;

function start(logpoints: readonly Logpoint[] = [], record = false) {
  const started = Session.start(
    {
      files: seed.files,
      main: seed.main,
      cpus: 2,
      entry: "egress1",
      packets: { count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
      logpoints,
    },
    { record },
  );
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  return started.session;
}

const printLine = lineOf('bpf_printk("[egress3] first=%d');
const atPrint: Logpoint = {
  file: seed.main,
  line: printLine,
  format: "cpu=%u first=%u",
  args: ["bpf_get_smp_processor_id()", "ctx2->value_from_1"],
};

describe("logpoints", () => {
  it("print once per hit, in the frame about to run the line", () => {
    const { hits, errors } = start([atPrint]).logpoints();
    expect(errors).toEqual([null]);
    expect(hits.map((h) => h.text)).toEqual([
      "cpu=0 first=11",
      "cpu=1 first=11",
      "cpu=0 first=11",
      "cpu=1 first=11",
    ]);
    expect(hits.map((h) => h.packet)).toEqual([0, 1, 2, 3]);
    expect(hits.every((h) => h.program === "egress3")).toBe(true);
  });

  it("land on the step where the line is about to run", () => {
    const session = start([atPrint], true);
    const { hits } = session.logpoints();
    for (const hit of hits) expect(session.travel.trace.statementAt(hit.step + 1)?.line).toBe(printLine);
  });

  it("change nothing the program sees: the report is the report without them", () => {
    const plain = reportJson(start([]).report);
    const logged = start([
      atPrint,
      { ...atPrint, line: lineOf("ctx2->value_from_1 = 11"), args: ["0", "ctx2->value_from_1"] },
    ]);
    expect(reportJson(logged.report)).toEqual(plain);
    expect(
      logged
        .logpoints()
        .hits.filter((h) => h.logpoint === 1)
        .map((h) => h.text),
    ).toEqual(["cpu=0 first=0", "cpu=0 first=0", "cpu=0 first=0", "cpu=0 first=0"]);
  });

  it("say what is wrong with one, at its argument", () => {
    const errors = start().logpoints([
      { ...atPrint, args: ["nope", "1"] },
      { ...atPrint, line: 1 },
      { ...atPrint, format: "%q", args: ["1"] },
      { ...atPrint, args: ["1"] },
      { ...atPrint, args: ["1", "ctx2->value_from_1++"] },
      { ...atPrint, args: ["1", "bpf_map_update_elem(&tail_context_map, &zero, ctx2, 0)"] },
    ]).errors;
    expect(errors[0]).toMatch(/^argument 1, column 1: .*nope/);
    expect(errors[1]).toMatch(/no statement starts on line 1/);
    expect(errors[2]).toMatch(/^format: /);
    expect(errors[3]).toMatch(/2 conversions but 1 arguments/);
    expect(errors[4]).toMatch(/cannot use \+\+/);
    expect(errors[5]).toMatch(/cannot call bpf_map_update_elem/);
  });
});
