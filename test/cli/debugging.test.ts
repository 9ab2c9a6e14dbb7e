// The debugging queries of contract.md §4 (`why`, `diff`) and logpoints in `run`'s report.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli";

const directory = mkdtempSync(join(tmpdir(), "tailscope-debugging-"));

/** A lesson written out as a scenario file, its sources optionally changed. */
function lessonScenario(id: string, name: string, change?: [string, string], extra: object = {}): string {
  const folder = join("src/lessons", id);
  const lesson = JSON.parse(readFileSync(join(folder, "lesson.json"), "utf8"));
  const files: Record<string, string> = {};
  for (const file of readdirSync(folder).filter((f) => /\.(c|h)$/.test(f))) {
    const text = readFileSync(join(folder, file), "utf8");
    files[file] = change ? text.replaceAll(change[0], change[1]) : text;
  }
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify({ ...lesson.scenario, files, ...extra }));
  return path;
}

const seed = lessonScenario("01-seed-fixed", "seed.json");
const seedLines = readFileSync("src/lessons/01-seed-fixed/programs.bpf.c", "utf8").split("\n");
const lineOf = (text: string) => seedLines.findIndex((line) => line.includes(text)) + 1;

describe("tailscope why", () => {
  it("answers where CPU 1's value_from_1 came from after packet 3", () => {
    const args = ["--packet", "3", "--map", "tail_context_map", "--key", "00000000", "--cpu", "1"];
    const { status, stdout } = cli("why", seed, ...args, "--field", "value_from_1", "--json");
    expect(status).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({
      value: "0b",
      writer: {
        packet: 3,
        cpu: 1,
        program: "egress1",
        file: "programs.bpf.c",
        line: lineOf("value_from_1 = 11"),
      },
      sources: [{ kind: "constant" }],
    });
    const human = cli("why", seed, ...args, "--field", "value_from_1");
    expect(human.stdout).toContain(
      `written by egress1 on CPU 1, packet 3, programs.bpf.c:${lineOf("value_from_1 = 11")}`,
    );
  });

  it("exits 2 naming a bad option, map, key, field or global", () => {
    const cases: [string[], string][] = [
      [["--packet", "3", "--map", "nope", "--key", "00000000"], "no map named 'nope'"],
      [["--packet", "3", "--map", "tail_context_map", "--key", "00"], "key '00' is not 4 bytes"],
      [
        ["--packet", "3", "--map", "tail_context_map", "--key", "00000000", "--cpu", "0", "--field", "x"],
        "no field 'x'",
      ],
      [["--packet", "3", "--global", "nobody"], "no global named 'nobody'"],
      [
        ["--packet", "3", "--map", "tail_context_map", "--key", "00000000", "--colour", "red"],
        "unknown option '--colour'",
      ],
      [["--map", "tail_context_map", "--key", "00000000"], "--packet"],
      [
        ["--packet", "9", "--map", "tail_context_map", "--key", "00000000", "--cpu", "0"],
        "packet 9 is out of range",
      ],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = cli("why", seed, ...args);
      expect(status, args.join(" ")).toBe(2);
      expect(stderr).toContain(message);
    }
  }, 60_000);
});

describe("tailscope diff", () => {
  it("finds the first statement where lesson 3's ARRAY and PERCPU_ARRAY part", () => {
    const array = lessonScenario("03-why-per-cpu", "array.json");
    const perCpu = lessonScenario("03-why-per-cpu", "percpu.json", [
      "BPF_MAP_TYPE_ARRAY",
      "BPF_MAP_TYPE_PERCPU_ARRAY",
    ]);
    const { status, stdout } = cli("diff", array, perCpu, "--json");
    expect(status).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.same).toBe(false);
    expect(diff.packet).toBe(0);
    const { a, b } = diff.statement;
    expect(a.line).toBe(b.line);
    expect(a.effects[0]).toMatchObject({ kind: "map-write", map: "tail_context_map", cpu: null });
    expect(b.effects[0]).toMatchObject({ kind: "map-write", map: "tail_context_map", cpu: a.cpu });
  });

  it("says two runs of one scenario do not differ", () => {
    const { status, stdout } = cli("diff", seed, seed, "--json");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ same: true });
  });

  it("wants two files", () => {
    const { status, stderr } = cli("diff", seed);
    expect(status).toBe(2);
    expect(stderr).toContain("diff compares two scenarios");
  });
});

describe("logpoints in run", () => {
  const printLine = lineOf('bpf_printk("[egress3] first=%d');
  const logpoints = [
    {
      file: "programs.bpf.c",
      line: printLine,
      format: "cpu=%u first=%u",
      args: ["bpf_get_smp_processor_id()", "ctx2->value_from_1"],
    },
  ];

  it("lists each packet's logpoint lines, the rest of the report unchanged", () => {
    const logged = lessonScenario("01-seed-fixed", "logged.json", undefined, { logpoints });
    const withLines = JSON.parse(cli("run", logged, "--json").stdout);
    const without = JSON.parse(cli("run", seed, "--json").stdout);
    expect(withLines.packets.map((p: { logpoints: string[] }) => p.logpoints)).toEqual([
      ["cpu=0 first=11"],
      ["cpu=1 first=11"],
      ["cpu=0 first=11"],
      ["cpu=1 first=11"],
    ]);
    for (const packet of withLines.packets) delete packet.logpoints;
    expect(withLines).toEqual(without);
  });

  it("names a logpoint that does not compile, exit 2", () => {
    const broken = lessonScenario("01-seed-fixed", "broken.json", undefined, {
      logpoints: [{ ...logpoints[0], args: ["nope", "1"] }],
    });
    const { status, stderr } = cli("run", broken, "--json");
    expect(status).toBe(2);
    expect(stderr).toMatch(/logpoints\[0\]: argument 1, column 1: .*nope/);
  });
});
