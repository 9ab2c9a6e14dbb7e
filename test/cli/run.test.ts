import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

describe("tailscope run, at the contract's scale and with broken input", () => {
  it("writes the JSON report of a million packets, a line each (a string of it was too long for JavaScript)", () => {
    const dir = mkdtempSync(join(tmpdir(), "tailscope-cli-"));
    writeFileSync(
      join(dir, "count.bpf.c"),
      '#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\nSEC("cgroup_skb/egress") int count(struct __sk_buff *skb) { return 1; }\n',
    );
    writeFileSync(
      join(dir, "million.json"),
      JSON.stringify({
        files: { "count.bpf.c": readFileSync(join(dir, "count.bpf.c"), "utf8") },
        packets: { count: 1_000_000, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
      }),
    );
    const out = openSync(join(dir, "report.json"), "w");
    const result = spawnSync(
      "npm",
      ["run", "--silent", "cli", "--", "run", join(dir, "million.json"), "--json"],
      {
        cwd: join(import.meta.dirname, "../.."),
        stdio: ["ignore", out, "pipe"],
        encoding: "utf8",
      },
    );
    closeSync(out);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const text = readFileSync(join(dir, "report.json"), "utf8");
    const packetLines = text.split("\n").filter((line) => line.startsWith('    {"index":'));
    expect(packetLines).toHaveLength(1_000_000);
    expect(JSON.parse(packetLines[999_999].replace(/,$/, ""))).toMatchObject({
      index: 999_999,
      cpu: 1,
      retval: 1,
    });
    // The whole is JSON: the maps and globals after the packets close it.
    const tail = text.slice(text.lastIndexOf("  ],"));
    expect(JSON.parse(`{${tail.slice(4)}`)).toEqual({ maps: {}, globals: {} });
  }, 120_000);

  it("leaves out a source file beside the program that cannot be read, with a warning and no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "tailscope-cli-"));
    writeFileSync(join(dir, "prog.bpf.c"), '#include "gone.h"\nint x;\n');
    symlinkSync(join(dir, "nowhere"), join(dir, "gone.h"));
    const { status, stdout, stderr } = cli("check", join(dir, "prog.bpf.c"));
    expect(stderr).toContain("gone.h: cannot be read (ENOENT); left out");
    expect(stdout).toContain("prog.bpf.c:1:10: error: 'gone.h' file not found");
    expect(status).toBe(1);
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
  });

  it("refuses a packet count past the contract's, naming it", () => {
    const { status, stderr } = cli("run", "src/lessons/01-seed-fixed/programs.bpf.c", "--packets", "1e15");
    expect(status).toBe(2);
    expect(stderr).toBe("--packets: at most 10,000,000 (a scenario's limit), got '1e15'\n");
  });
});
