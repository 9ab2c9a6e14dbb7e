// Watches over the whole run: a map cell from the trace's writes, a C expression at a line from
// a logpoint's evaluation; each change checked against seeking to it.
import { describe, expect, it } from "vitest";
import { lessonSession } from "../support/lesson-session";

describe("watching a map cell", () => {
  const { session } = lessonSession("01-seed-fixed", 2, 6);

  it("marks each change of CPU 1's value_from_1, and each is the value there", () => {
    const result = session.watch("tail_context_map[0]@1.value_from_1", null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { lane } = result;
    expect(lane.initial).toBe("0");
    // Each packet on CPU 1 clears the context (memset: 0) and then writes 11.
    expect(lane.changes.map((c) => c.value)).toEqual(["11", "0", "11", "0", "11"]);
    for (const change of lane.changes) {
      const why = session.why(
        { kind: "map", map: "tail_context_map", key: "00000000", cpu: 1, field: "value_from_1" },
        change.step,
      );
      expect(why.ok && Number.parseInt(why.answer.value, 16)).toBe(Number(change.value));
    }
  });

  it("names what is wrong with a watch", () => {
    const error = (text: string) => {
      const result = session.watch(text, null);
      return result.ok ? null : result.error;
    };
    expect(error("tail_context_map[0].value_from_1")).toMatch(/per-CPU: say which CPU/);
    expect(error("tail_context_map[0]@7")).toMatch(/CPU 7 is out of range/);
    expect(error("tail_context_map[0]@0.nope")).toMatch(/no field 'nope'/);
    expect(error("tail_context_map[x00]@0")).toMatch(/key 'x00'/);
    expect(error("len + 1")).toMatch(/at a line/);
  });
});

describe("watching an expression at a line", () => {
  const { session, main, lineOf } = lessonSession("03-why-per-cpu", 4, 8, {
    schedule: { mode: "interleaved", seed: 7 },
  });

  it("gives the value each time the line is about to run, changes marked", () => {
    const line = lineOf("if (tc->cpu != me)");
    const result = session.watch("tc->cpu", { file: main, line });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lane.changes.length).toBeGreaterThan(1);
    for (const change of result.lane.changes) {
      expect(session.travel.trace.statementAt(change.step + 1)?.line).toBe(line);
      const why = session.why(
        { kind: "map", map: "tail_context_map", key: "00000000", cpu: null, field: "cpu" },
        change.step,
      );
      expect(
        why.ok && String(Number.parseInt(why.answer.value.match(/../g)?.reverse().join("") ?? "", 16)),
      ).toBe(change.value);
    }
  });
});

describe("logpoints in the trace log", () => {
  const { session, main, lineOf } = lessonSession("01-seed-fixed", 2, 4);

  it("sit among the printk lines in step order, marked", () => {
    const line = lineOf('bpf_printk("[egress3] first=%d');
    session.showLogpoints([{ file: main, line, format: "seen %u", args: ["ctx2->value_from_2"] }]);
    const window = session.traceLog(0, 100, null, null);
    const marked = window.lines.filter((l) => l.logpoint !== undefined);
    expect(marked.map((l) => l.line)).toEqual(["seen 22", "seen 22", "seen 22", "seen 22"]);
    const steps = window.lines.map((l) => l.step);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    // Each logpoint line comes right before the printk its line prints.
    const index = window.lines.findIndex((l) => l.logpoint !== undefined);
    expect(window.lines[index + 1].line).toContain("[egress3] first=11 second=22");
    expect(session.traceLog(0, 100, 1, null).lines.filter((l) => l.logpoint !== undefined)).toHaveLength(2);
    session.showLogpoints([]);
    expect(session.traceLog(0, 100, null, null).lines.some((l) => l.logpoint !== undefined)).toBe(false);
  });
});
