// The worker's API, called as the app calls it (comlink passes arguments and results by
// structured clone, so every result must survive structuredClone unchanged).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngineApi } from "../../src/worker/engine-api";

const dir = join(import.meta.dirname, "../../src/lessons/01-seed-fixed");
const files = Object.fromEntries(
  readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]),
);
const request = {
  files,
  main: "programs.bpf.c",
  cpus: 2,
  packets: { count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
} as const;

describe("engine worker API: run, seek, move", () => {
  it("runs the seed once, recorded, and steps through it hop by hop", () => {
    const engine = createEngineApi();
    engine.build({ files, main: "programs.bpf.c" });
    const run = engine.run(request);
    if (!run.ok) throw new Error(run.error.diagnostics[0]?.message);
    expect(run.report.packets).toHaveLength(4);
    expect(run.timeline.packets).toHaveLength(4);
    expect(run.totalSteps).toBe(run.report.packets.reduce((sum, p) => sum + p.steps, 0));
    expect(structuredClone(run)).toEqual(run);
    let cursor = engine.seek(0);
    const programs: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      cursor = engine.move(cursor?.step ?? 0, { kind: i === 0 ? "packet" : "hop", direction: 1 });
      programs.push(cursor?.state.running?.programs.at(-1));
    }
    expect(programs).toEqual(["egress1", "egress2", "egress3"]);
    expect(structuredClone(cursor)).toEqual(cursor);
    expect(cursor?.last?.program).toBe("egress2");
  });

  it("refuses to run what does not build, with the reason at its line", () => {
    const engine = createEngineApi();
    const broken = engine.run({ ...request, files: { ...files, "programs.bpf.c": "int x = ;" } });
    if (broken.ok) throw new Error("a broken source ran");
    expect(broken.error.stage).toBe("parse");
    expect(broken.error.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
      ["programs.bpf.c", 1, "expected expression"],
    ]);
    expect(engine.seek(0)).toBeNull();
  });

  it("a run of the sources last built gives what a run of freshly compiled ones does", () => {
    const built = createEngineApi();
    built.build({ files, main: "programs.bpf.c" });
    const reused = built.run(request);
    const fresh = createEngineApi().run(request);
    expect(reused).toEqual(fresh);
  });
});
