// Time travel: at every step, seek must give exactly the state a fresh run stopped there has.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, packetsOf } from "../../src/engine";
import { generatePackets } from "../../src/engine/packets";
import type { RunInput } from "../../src/engine/runtime/run";
import { runPackets } from "../../src/engine/runtime/run";
import { hopOfPacket, moveTarget } from "../../src/engine/sim/navigator";
import { recordRun } from "../../src/engine/sim/recording";
import { freshState } from "../support/runs";

const dir = join(import.meta.dirname, "../../src/lessons/01-seed-fixed");
const files = Object.fromEntries(
  readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
);
const { program, object } = compile({ files, main: "programs.bpf.c" });
if (!program || !object) throw new Error("the seed does not compile");

const input = (count: number): RunInput => ({
  cpus: 2,
  entry: "egress1",
  packets: generatePackets({ count, cpu: "round-robin", seed: 1, template: "ipv4-udp" }, 2),
});

function freshAt(step: number, run: RunInput) {
  return freshState(program as NonNullable<typeof program>, object as NonNullable<typeof object>, run, step);
}

describe("time travel over the seed on 2 CPUs", () => {
  const run = input(4);
  // Checkpoints every 2 packets, so seeks both restore and replay.
  const travel = recordRun(program, object, run, { checkpointEvery: 2 });

  it("runs as many statements as the run report counts", () => {
    const report = runPackets(program, object, run);
    expect(travel.totalSteps).toBe(report.packets.reduce((sum, p) => sum + p.steps, 0));
  });

  it("forwards: every step's state is a fresh run's state at that step", () => {
    for (let step = 0; step <= travel.totalSteps; step++)
      expect(travel.seek(step)).toEqual(freshAt(step, run));
  });

  it("backwards: the same states, reached in reverse", () => {
    for (let step = travel.totalSteps; step >= 0; step--)
      expect(travel.seek(step)).toEqual(freshAt(step, run));
  });

  it("shows the story: egress1 fills value_from_1 on its CPU, egress2 value_from_2, then egress3 reads both", () => {
    const states = Array.from({ length: travel.totalSteps + 1 }, (_, step) => travel.seek(step));
    const first = states.filter((s) => s.running?.packet === 0);
    expect(first.map((s) => s.running?.programs.at(-1))).toContain("egress2");
    const inEgress3 = first.find((s) => s.running?.programs.at(-1) === "egress3");
    const cell = (s: (typeof states)[number], cpu: number) =>
      (s.maps.tail_context_map.entries[0] as { values: string[] }).values[cpu];
    expect(cell(inEgress3 as (typeof states)[number], 0)).toBe("0b16");
    expect(cell(inEgress3 as (typeof states)[number], 1)).toBe("0000");
    expect(cell(states[states.length - 1], 1)).toBe("0b16");
    const frame = inEgress3?.running?.frames[0];
    expect(frame?.function).toBe("egress3");
    expect(frame?.locals.map((l) => l.name)).toContain("ctx2");
  });

  it("clamps seeks outside the run", () => {
    expect(travel.seek(-5)).toEqual(freshAt(0, run));
    expect(travel.seek(travel.totalSteps + 100)).toEqual(freshAt(travel.totalSteps, run));
  });
});

describe("time travel over hash maps, globals and control-plane actions", () => {
  it.each([
    "control-plane-slots",
    "control-plane-values",
    "globals-sections",
    "lru-and-percpu-hash",
    "hash-errnos",
    // Kernel-sized storage, made where touched: a checkpoint keeps only the elements and pages written.
    "large-arrays",
    "large-global",
    // Frames the test run refuses: packets without a statement.
    "test-run-short-frames-cgroup_skb",
  ])("%s: every step matches a fresh run", (name) => {
    const caseDir = join(import.meta.dirname, "../conformance/cases", name);
    const sources = Object.fromEntries(
      readdirSync(caseDir)
        .filter((f) => /\.(c|h)$/.test(f))
        .map((f) => [f, readFileSync(join(caseDir, f), "utf8")]),
    );
    const scenario = JSON.parse(readFileSync(join(caseDir, "scenario.json"), "utf8"));
    const built = compile({ files: sources, main: scenario.main });
    if (!built.program || !built.object) throw new Error(`${name} does not compile`);
    const run: RunInput = {
      cpus: scenario.cpus,
      entry: scenario.attach.program,
      packets: packetsOf(scenario),
      control: scenario.control,
    };
    const travel = recordRun(built.program, built.object, run, { checkpointEvery: 2 });
    const { program: builtProgram, object: builtObject } = built;
    const fresh = (step: number) => freshState(builtProgram, builtObject, run, step);
    for (let step = travel.totalSteps; step >= 0; step--) expect(travel.seek(step)).toEqual(fresh(step));
  });
});

describe("the trace", () => {
  const run = input(4);
  const travel = recordRun(program, object, run, { checkpointEvery: 2 });
  const trace = travel.trace;

  it("records one event per statement, each at the line a fresh run was about to execute", () => {
    expect(trace.steps).toBe(travel.totalSteps);
    for (let step = 1; step <= travel.totalSteps; step++) {
      const event = trace.statementAt(step);
      const before = freshAt(step - 1, run);
      const packetStarting = before.running === null;
      if (packetStarting) continue; // the next packet's first frame does not exist yet
      const top = before.running?.frames.at(-1);
      expect([event?.file, event?.line, event?.packet, event?.cpu]).toEqual([
        top?.file,
        top?.line,
        before.running?.packet,
        before.running?.cpu,
      ]);
    }
  });

  it("holds the printk lines as trace_pipe prints them, and every tail call with its outcome", () => {
    const lines = trace.printkLines().map((l) => l.line);
    expect(lines).toHaveLength(16);
    expect(lines[0]).toMatch(
      /^ {7}tailscope-4242 +\[000\] \.\.\.\.1 +\d+\.\d{6}: bpf_trace_printk: \[egress1\] Calling egress2$/,
    );
    expect(lines[3]).toContain("[egress3] first=11 second=22");
    expect(lines[4]).toContain("[001]");
    const hops = trace.tailCallEvents();
    expect(hops).toHaveLength(8);
    expect(hops.slice(0, 2).map((h) => [h.from, h.to, h.outcome, h.key])).toEqual([
      ["egress1", "egress2", "jumped", 0],
      ["egress2", "egress3", "jumped", 1],
    ]);
  });

  it("keeps the whole run's packet reports, whatever was sought since", () => {
    travel.seek(3);
    expect(travel.reports).toHaveLength(4);
    expect(travel.reports.map((r) => r.programs)).toEqual(Array(4).fill(["egress1", "egress2", "egress3"]));
  });
});

describe("moving the cursor", () => {
  const run = input(4);
  const travel = recordRun(program, object, run, { checkpointEvery: 2 });
  const trace = travel.trace;
  const total = travel.totalSteps;
  const programAt = (step: number) => travel.seek(step).running?.programs.at(-1);

  it("hops egress1 → egress2 → egress3 and back", () => {
    const first = moveTarget(trace, total, 0, { kind: "hop", direction: 1 });
    expect(programAt(first)).toBe("egress2");
    const second = moveTarget(trace, total, first, { kind: "hop", direction: 1 });
    expect(programAt(second)).toBe("egress3");
    expect(moveTarget(trace, total, second, { kind: "hop", direction: -1 })).toBe(first);
  });

  it("steps packet by packet, each landing on the packet's first statement in egress1", () => {
    let at = 0;
    const seen: [number | undefined, number | undefined, string | undefined][] = [];
    for (let i = 0; i < 4; i++) {
      at = moveTarget(trace, total, at, { kind: "packet", direction: 1 });
      const state = travel.seek(at);
      seen.push([state.running?.packet, state.running?.cpu, state.running?.programs.at(-1)]);
    }
    expect(seen).toEqual([
      [0, 0, "egress1"],
      [1, 1, "egress1"],
      [2, 0, "egress1"],
      [3, 1, "egress1"],
    ]);
    expect(moveTarget(trace, total, at, { kind: "packet", direction: 1 })).toBe(at);
  });

  it("follows one CPU", () => {
    const start = moveTarget(trace, total, 0, { kind: "packet", direction: 1 });
    const next = moveTarget(trace, total, start, { kind: "step", direction: 1, cpu: 1 });
    expect(travel.seek(next).running?.cpu).toBe(1);
    expect(trace.statementAt(next)?.cpu).toBe(1);
  });

  it("continues to a line breakpoint, stopping before the line runs, forwards and backwards", () => {
    // programs.bpf.c line 57: `ctx2->value_from_1 = 11;` in egress1.
    const breakpoints = [{ kind: "line" as const, file: "programs.bpf.c", line: 57 }];
    const first = moveTarget(trace, total, 0, { kind: "continue", direction: 1, breakpoints });
    const state = travel.seek(first);
    expect(state.running?.frames.at(-1)?.line).toBe(57);
    expect((state.maps.tail_context_map.entries[0] as { values: string[] }).values[0]).toBe("0000");
    const second = moveTarget(trace, total, first, { kind: "continue", direction: 1, breakpoints });
    expect(travel.seek(second).running?.packet).toBe(1);
    expect(moveTarget(trace, total, second, { kind: "continue", direction: -1, breakpoints })).toBe(first);
  });

  it("stops at a tail-call outcome", () => {
    const jumped = moveTarget(trace, total, 0, {
      kind: "continue",
      direction: 1,
      breakpoints: [{ kind: "tail-call", outcome: "jumped" }],
    });
    expect(jumped).toBe(moveTarget(trace, total, 0, { kind: "hop", direction: 1 }));
    const none = moveTarget(trace, total, 0, {
      kind: "continue",
      direction: 1,
      breakpoints: [{ kind: "tail-call", outcome: "empty-slot" }],
    });
    expect(none).toBe(total);
  });
});

describe("map writes in the trace", () => {
  const run = input(2);
  const travel = recordRun(program, object, run, { checkpointEvery: 2 });

  it("records each write to tail_context_map with the value before and after, per CPU", () => {
    const writes = travel.trace.mapWriteEvents().filter((w) => w.map === "tail_context_map");
    expect(writes.map((w) => [w.cpu, w.before, w.after])).toEqual([
      [0, "0000", "0000"], // egress1's memset
      [0, "0000", "0b00"], // value_from_1 = 11
      [0, "0b00", "0b16"], // egress2: value_from_2 = 22
      [1, "0000", "0000"],
      [1, "0000", "0b00"],
      [1, "0b00", "0b16"],
    ]);
    // Seeking to a write's step shows its "after" bytes in that CPU's copy.
    for (const write of writes) {
      const values = (travel.seek(write.step).maps.tail_context_map.entries[0] as { values: string[] })
        .values;
      expect(values[write.cpu ?? 0]).toBe(write.after);
    }
  });

  it("stops at a map-write breakpoint", () => {
    const first = travel.trace.mapWriteEvents()[0].step;
    expect(
      moveTarget(travel.trace, travel.totalSteps, 0, {
        kind: "continue",
        direction: 1,
        breakpoints: [{ kind: "map-write", map: "tail_context_map" }],
      }),
    ).toBe(first);
  });
});

describe("map reads in the trace", () => {
  const run = input(1);
  const travel = recordRun(program, object, run, { checkpointEvery: 2 });

  it("records each lookup (the whole value) and each load through its pointer (the bytes read)", () => {
    const reads = travel.trace.mapReadEvents();
    expect(reads.map((r) => [r.map, r.key, r.cpu, r.via, r.offset, r.bytes])).toEqual([
      ["tail_context_map", "00000000", 0, "lookup", 0, "0000"], // egress1
      ["tail_context_map", "00000000", 0, "lookup", 0, "0b00"], // egress2 sees value_from_1
      ["tail_context_map", "00000000", 0, "lookup", 0, "0b16"], // egress3
      ["tail_context_map", "00000000", 0, "load", 0, "0b"], // ctx2->value_from_1 for printk
      ["tail_context_map", "00000000", 0, "load", 1, "16"], // ctx2->value_from_2
    ]);
    const printk = travel.trace.printkLines().at(-1)?.step ?? 0;
    expect(reads.at(-1)?.step).toBe(printk);
  });

  it("stops at a map-read breakpoint", () => {
    const [, second] = travel.trace.mapReadEvents();
    expect(
      moveTarget(travel.trace, travel.totalSteps, second.step - 1, {
        kind: "continue",
        direction: 1,
        breakpoints: [{ kind: "map-read", map: "tail_context_map" }],
      }),
    ).toBe(second.step);
  });
});

describe("finding a packet's hop again in a new trace", () => {
  const travel = recordRun(program, object, input(4), { checkpointEvery: 2 });

  it("lands on the packet's start, or just after its n-th successful tail call", () => {
    const at = (packet: number, hop: number) => {
      const step = hopOfPacket(travel.trace, packet, hop);
      return step === null ? null : travel.seek(step).running;
    };
    expect([at(2, 0)?.packet, at(2, 0)?.programs]).toEqual([2, ["egress1"]]);
    expect([at(2, 2)?.packet, at(2, 2)?.programs]).toEqual([2, ["egress1", "egress2", "egress3"]]);
    expect(hopOfPacket(travel.trace, 2, 3)).toBeNull();
    expect(hopOfPacket(travel.trace, 9, 0)).toBeNull();
  });
});

describe("a trace too long to record in full", () => {
  const run = input(8);
  const full = recordRun(program, object, run, { checkpointEvery: 2 });
  const bounded = recordRun(program, object, run, { checkpointEvery: 2, statementLimit: 50 });

  it("records the first statements in full and the rest as summaries, and says where", () => {
    expect(bounded.trace.truncatedAfter).toBe(50);
    expect(full.trace.truncatedAfter).toBeNull();
    expect(bounded.trace.statementAt(50)).toEqual(full.trace.statementAt(50));
    expect(bounded.trace.statementAt(51)).toBeNull();
    expect(bounded.trace.tailCallEvents()).toEqual(full.trace.tailCallEvents());
    expect(bounded.trace.packetStarts()).toEqual(full.trace.packetStarts());
    expect(bounded.trace.printkLines()).toEqual(full.trace.printkLines());
    expect(bounded.trace.bytes()).toBeLessThan(full.trace.bytes() + 1);
  });

  it("still seeks anywhere, and hops and packets still move past the bound", () => {
    expect(bounded.totalSteps).toBe(full.totalSteps);
    for (const step of [0, 49, 50, 51, 97, full.totalSteps])
      expect(bounded.seek(step)).toEqual(full.seek(step));
    for (const kind of ["hop", "packet"] as const) {
      const from = full.totalSteps - 30;
      expect(moveTarget(bounded.trace, bounded.totalSteps, from, { kind, direction: 1 })).toBe(
        moveTarget(full.trace, full.totalSteps, from, { kind, direction: 1 }),
      );
    }
  });
});
