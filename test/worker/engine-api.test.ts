// The worker's API, called as the app calls it (comlink passes arguments and results by
// structured clone, so every result must survive structuredClone unchanged).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engineApi } from "../../src/worker/engine-api";

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

describe("engine worker API: trace, seek, move", () => {
  it("traces the seed and steps through it hop by hop", () => {
    const traced = engineApi.trace(request);
    if (!traced.ok) throw new Error(traced.error);
    expect(traced.run.reports).toHaveLength(4);
    let cursor = engineApi.seek(0);
    const programs: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      cursor = engineApi.move(cursor?.step ?? 0, { kind: i === 0 ? "packet" : "hop", direction: 1 });
      programs.push(cursor?.state.running?.programs.at(-1));
    }
    expect(programs).toEqual(["egress1", "egress2", "egress3"]);
    expect(structuredClone(cursor)).toEqual(cursor);
    expect(cursor?.last?.program).toBe("egress2");
  });

  it("refuses to trace what does not build, with the reason", () => {
    const broken = engineApi.trace({ ...request, files: { ...files, "programs.bpf.c": "int x = ;" } });
    expect(broken.ok).toBe(false);
  });
});
