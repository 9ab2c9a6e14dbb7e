// Conditional breakpoints: a C condition compiled by Tailscope's front end in the scope of the
// line, and evaluated in the paused frame of the CPU about to run it.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { generatePackets } from "../../src/engine/packets";
import { compileCondition } from "../../src/engine/sim/condition";
import { continueTarget } from "../../src/engine/sim/continue";
import type { Breakpoint } from "../../src/engine/sim/navigator";
import { recordRun, type Travel } from "../../src/engine/sim/recording";
import { lessonById } from "../../src/lessons";

function setUp(id: string, interleaved: boolean, cpus: number, count: number) {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const input = { files: lesson.files, main: lesson.main };
  const { program, object } = compile(input);
  if (!program || !object) throw new Error(`${id} does not compile`);
  const run = {
    cpus,
    entry: lesson.settings.attach?.program ?? "",
    packets: generatePackets({ count, cpu: "round-robin", seed: 1, template: "ipv4-udp" }, cpus),
  };
  const travel: Travel = recordRun(
    program,
    object,
    interleaved ? { ...run, schedule: { mode: "interleaved", seed: 7 } } : run,
  );
  const lines = lesson.files[lesson.main].split("\n");
  const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
  const go = (breakpoint: Breakpoint, from = 0) =>
    continueTarget(travel, from, 1, [breakpoint], (b) => {
      const compiled = compileCondition(input, travel.machine, b, b.condition ?? "");
      return compiled.ok ? compiled.test : { error: compiled.error };
    });
  return { travel, lineOf, go, input, main: lesson.main };
}

describe("conditional breakpoints on the seed (2 CPUs)", () => {
  const { travel, lineOf, go, input, main } = setUp("01-seed-fixed", false, 2, 4);
  const printLine = lineOf('bpf_printk("[egress3] first=%d');

  it("stop where the condition over a local's fields holds, and not where it does not", () => {
    const hit = go({ kind: "line", file: main, line: printLine, condition: "ctx2->value_from_2 == 22" });
    expect(hit.conditionError).toBeUndefined();
    expect(travel.trace.statementAt(hit.step + 1)?.line).toBe(printLine);
    const never = go({ kind: "line", file: main, line: printLine, condition: "ctx2->value_from_1 == 12" });
    expect(never.step).toBe(travel.totalSteps);
  });

  it("see the context and the CPU: the first hit on CPU 1 is packet 1", () => {
    const hit = go({
      kind: "line",
      file: main,
      line: printLine,
      condition: "ctx->len > 40 && bpf_get_smp_processor_id() == 1",
    });
    expect(travel.trace.statementAt(hit.step + 1)).toMatchObject({ cpu: 1, packet: 1, line: printLine });
  });

  it("evaluate in the frame of each hit, in turn: the third hit is packet 2", () => {
    const lookupLine = lineOf("struct tail_context *ctx2 = bpf_map_lookup_elem(&tail_context_map, &zero);");
    let step = 0;
    const packets: number[] = [];
    for (let i = 0; i < 3; i++) {
      step = go({ kind: "line", file: main, line: printLine, condition: "zero == 0" }, step).step;
      packets.push(travel.trace.statementAt(step + 1)?.packet ?? -1);
    }
    expect(packets).toEqual([0, 1, 2]);
    expect(lookupLine).toBeGreaterThan(0);
  });

  it("report a broken condition at its column, in the compiler's words", () => {
    const broken = compileCondition(input, travel.machine, { file: main, line: printLine }, "ctx2->");
    expect(broken.ok ? "" : broken.error).toMatch(/^column 7: expected (member name|identifier)/);
    const unknown = compileCondition(input, travel.machine, { file: main, line: printLine }, "nope > 1");
    expect(unknown.ok ? "" : unknown.error).toBe("column 1: use of undeclared identifier 'nope'");
    const noStatement = compileCondition(input, travel.machine, { file: main, line: 1 }, "1");
    expect(noStatement.ok ? "" : noStatement.error).toMatch(/no statement starts on line 1/);
  });
});

describe("a conditional breakpoint that finds the race (lesson 3, interleaved on 4 CPUs)", () => {
  const { travel, lineOf, go, main } = setUp("03-why-per-cpu", true, 4, 8);

  it("stops at the first egress3 that reads another CPU's context", () => {
    const line = lineOf("if (tc->cpu != me)");
    const hit = go({ kind: "line", file: main, line, condition: "tc->cpu != me" });
    expect(hit.conditionError).toBeUndefined();
    const event = travel.trace.statementAt(hit.step + 1);
    expect(event?.line).toBe(line);
    const view = travel.seek(hit.step);
    const cell = view.maps.tail_context_map.entries[0] as { value: string };
    expect(Number.parseInt(cell.value.slice(0, 2), 16)).not.toBe(event?.cpu);
  });
});
