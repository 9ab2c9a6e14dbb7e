// Time travel over the interleaved schedule: several CPUs with packets in flight at once.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { generatePackets } from "../../src/engine/packets";
import { runPackets } from "../../src/engine/runtime/run";
import { moveTarget } from "../../src/engine/sim/navigator";
import { recordRun } from "../../src/engine/sim/recording";
import { lessonById } from "../../src/lessons";

function lessonRun(id: string, cpus: number, count: number, seed: number) {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const { program, object } = compile({ files: lesson.files, main: lesson.main });
  if (!program || !object) throw new Error(`${id} does not compile`);
  const input = {
    cpus,
    entry: lesson.settings.attach?.program ?? "",
    packets: generatePackets({ count, cpu: "round-robin", seed: 1, template: "ipv4-udp" }, cpus),
    schedule: { mode: "interleaved", seed } as const,
  };
  return { program, object, input };
}

describe("interleaved time travel (lesson 3: a shared ARRAY on 4 CPUs)", () => {
  const { program, object, input } = lessonRun("03-why-per-cpu", 4, 8, 7);
  const travel = recordRun(program, object, input, { checkpointEvery: 5 });
  const fromStart = recordRun(program, object, input, { checkpointEvery: 1e9 });

  it("reports what the interleaved run reports", () => {
    const report = runPackets(program, object, input);
    expect(travel.reports).toEqual(report.packets);
    expect(travel.totalSteps).toBe(report.packets.reduce((sum, p) => sum + p.steps, 0));
  });

  it("seeks to every step, forwards and backwards, as a replay from the start does", () => {
    for (let step = 0; step <= travel.totalSteps; step++)
      expect(travel.seek(step)).toEqual(fromStart.seek(step));
    for (let step = travel.totalSteps; step >= 0; step--)
      expect(travel.seek(step)).toEqual(fromStart.seek(step));
  });

  it("shows several CPUs in flight at once, each at the line the trace says runs next", () => {
    let most = 0;
    for (let step = 0; step < travel.totalSteps; step++) {
      const view = travel.seek(step);
      most = Math.max(most, view.cpus.length);
      const next = travel.trace.statementAt(step + 1);
      if (!next) throw new Error(`no statement recorded after step ${step}`);
      const cpu = view.cpus.find((c) => c.cpu === next.cpu && c.packet === next.packet);
      // A CPU not in flight yet starts its packet with that very statement.
      if (cpu) expect(cpu.frames.at(-1)?.line).toBe(next.line);
      else expect(travel.trace.packetFirstStep(next.packet)).toBe(step);
    }
    expect(most).toBe(4);
  });

  it("catches the race: a step where egress3 on one CPU reads a context another CPU wrote", () => {
    const racy = travel.reports.findIndex((r) => r.printk.some((line) => line.includes("wrote!")));
    expect(racy).toBeGreaterThanOrEqual(0);
    // The step just before that packet's printk: the cell holds another CPU's number.
    const printk = travel.trace.printkLines().find((p) => p.line.includes("wrote!"));
    const view = travel.seek((printk?.step ?? 1) - 1);
    const cell = view.maps.tail_context_map.entries[0] as { value: string };
    const writer = Number.parseInt(cell.value.slice(0, 2), 16);
    expect(writer).not.toBe(view.running?.cpu);
  });

  it("steps one CPU at a time", () => {
    let step = 0;
    const lines: number[] = [];
    for (let i = 0; i < 5; i++) {
      step = moveTarget(travel.trace, travel.totalSteps, step, { kind: "step", direction: 1, cpu: 2 });
      expect(travel.trace.statementAt(step)?.cpu).toBe(2);
      lines.push(travel.trace.statementAt(step)?.line ?? 0);
    }
    expect(new Set(lines).size).toBeGreaterThan(1);
  });
});

describe("interleaved time travel inside bpf2bpf calls (lesson 9 on 2 CPUs)", () => {
  const { program, object, input } = lessonRun("09-bpf2bpf-and-tail-calls", 2, 4, 3);
  const travel = recordRun(program, object, input, { checkpointEvery: 3 });
  const fromStart = recordRun(program, object, input, { checkpointEvery: 1e9 });

  it("pauses inside a call on one CPU while the other CPU's packet waits at its statement", () => {
    let inside = 0;
    for (let step = 0; step <= travel.totalSteps; step++) {
      const view = travel.seek(step);
      expect(view).toEqual(fromStart.seek(step));
      if (view.cpus.some((c) => c.frames.length > 1)) inside++;
    }
    expect(inside).toBeGreaterThan(0);
  });
});
