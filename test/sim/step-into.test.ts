// Stepping into, over and out of bpf2bpf calls: time travel pauses inside a called function,
// and the state there is the state a run has at that statement.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { generatePackets } from "../../src/engine/packets";
import { moveTarget } from "../../src/engine/sim/navigator";
import { recordRun } from "../../src/engine/sim/recording";
import { lessonById } from "../../src/lessons";

const lesson = lessonById("09-bpf2bpf-and-tail-calls");
if (!lesson) throw new Error("lesson 9 is missing");
const { program, object } = compile({ files: lesson.files, main: lesson.main });
if (!program || !object) throw new Error("lesson 9 does not compile");
const packets = generatePackets({ count: 2, cpu: "round-robin", seed: 1, template: "ipv4-udp" }, 2);
const travel = recordRun(program, object, { cpus: 2, entry: "start", packets }, { checkpointEvery: 1 });
const source = lesson.files[lesson.main].split("\n");
const lineOf = (text: string) => source.findIndex((line) => line.includes(text)) + 1;

describe("time travel inside bpf2bpf calls (lesson 9)", () => {
  it("pauses at every statement, inside calls too: the innermost frame is where the trace says", () => {
    for (let step = 0; step < travel.totalSteps; step++) {
      const next = travel.trace.statementAt(step + 1);
      const view = travel.seek(step);
      if (!next || !view.running || view.running.packet !== next.packet) continue;
      const innermost = view.running.frames.at(-1);
      expect({ step, line: innermost?.line, depth: view.running.frames.length - 1 }).toEqual({
        step,
        line: next.line,
        depth: next.depth,
      });
    }
  });

  it("inside `weigh`, shows both frames: `start` at the call, `weigh` with its argument", () => {
    const inside = Array.from({ length: travel.totalSteps }, (_, s) => s).find(
      (s) => travel.trace.statementAt(s + 1)?.depth === 1,
    );
    if (inside === undefined) throw new Error("no statement inside a call");
    const view = travel.seek(inside);
    const frames = view.running?.frames ?? [];
    expect(frames.map((f) => f.function)).toEqual(["start", "weigh"]);
    expect(frames[0].line).toBe(lineOf("skb->cb[0] = weigh(skb, 3);"));
    expect(frames[1].locals.find((l) => l.name === "factor")?.value).toBe("3");
  });

  it("over runs a call whole, into enters it, out leaves it", () => {
    const callLine = lineOf("skb->cb[0] = weigh(skb, 3);");
    const atCall = Array.from({ length: travel.totalSteps }, (_, s) => s).find(
      (s) => travel.trace.statementAt(s + 1)?.line === callLine,
    );
    if (atCall === undefined) throw new Error("the call is never about to run");
    const lineAt = (step: number) => travel.trace.statementAt(step + 1);
    const into = moveTarget(travel.trace, travel.totalSteps, atCall, { kind: "step", direction: 1 });
    expect(lineAt(into)?.depth).toBe(1);
    const over = moveTarget(travel.trace, travel.totalSteps, atCall, { kind: "over", direction: 1 });
    expect(lineAt(over)).toMatchObject({ depth: 0, line: lineOf("int r = hand_over(skb);") });
    const out = moveTarget(travel.trace, travel.totalSteps, into, { kind: "out", direction: 1 });
    expect(lineAt(out)).toMatchObject({ depth: 0, line: lineOf("int r = hand_over(skb);") });
    const backOut = moveTarget(travel.trace, travel.totalSteps, into, { kind: "out", direction: -1 });
    expect(backOut).toBe(atCall);
    const backOver = moveTarget(travel.trace, travel.totalSteps, over, { kind: "over", direction: -1 });
    expect(backOver).toBe(atCall);
  });
});
