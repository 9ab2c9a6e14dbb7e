import { describe, expect, it } from "vitest";
import { cli } from "../support/cli";

describe("tailscope run", () => {
  it("prints the contract's run report for the fixed seed, each packet with its index", () => {
    const { status, stdout } = cli("run", "src/lessons/01-seed-fixed/programs.bpf.c", "--json");
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.cpus).toBe(2);
    expect(report.packets.map((p: { index: number; cpu: number }) => [p.index, p.cpu])).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
    expect(report.packets[3]).toMatchObject({
      retval: 1,
      programs: ["egress1", "egress2", "egress3"],
      fault: null,
    });
    expect(report.maps.tail_context_map.entries[0].values).toEqual(["0b16", "0b16"]);
  });

  it("numbers the packets in its summary for a person", () => {
    const { status, stdout } = cli("run", "src/lessons/01-seed-fixed/programs.bpf.c");
    expect(status).toBe(0);
    expect(stdout).toContain("packet 3 on CPU 1: egress1 -> egress2 -> egress3");
  });

  it("refuses an option it does not know instead of ignoring it", () => {
    const unknown = cli("run", "src/lessons/01-seed-fixed/programs.bpf.c", "--cpu", "4");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("run: unknown option '--cpu'");
  });

  it("refuses an option missing its value", () => {
    const bare = cli("run", "src/lessons/01-seed-fixed/programs.bpf.c", "--cpus");
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain("--cpus");
  });

  it("refuses run's options for check, and asks for a file when there is none", () => {
    const forCheck = cli("check", "src/lessons/01-seed-fixed/programs.bpf.c", "--packets", "3");
    expect(forCheck.status).toBe(2);
    expect(forCheck.stderr).toContain("check: unknown option '--packets'");
    expect(cli("run").stderr).toContain("which file?");
  });

  it("names the programs there are, in the order they are defined, when the entry is not one", () => {
    const { status, stdout } = cli("run", "src/lessons/01-seed-fixed/programs.bpf.c", "--entry", "egress9");
    expect(status).toBe(1);
    expect(stdout).toContain(
      "programs.bpf.c:8:6: error: no program named 'egress9' (programs: egress3, egress2, egress1)",
    );
  });
});
