import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli";

describe("tailscope check", () => {
  it("prints clang's errors GCC-style and exits 1 for the published seed", () => {
    const { status, stdout } = cli("check", "src/lessons/02-seed-as-published/seed.bpf.c");
    expect(status).toBe(1);
    expect(stdout).toContain("maps.h:31:2: error: expected ';' after struct\n");
    expect(stdout).toContain("programs.h:59:59: error: expected ';' after expression\n");
    expect(stdout).toContain("4 errors generated.");
  });

  it("prints JSON diagnostics and exits 0 for the fixed seed", () => {
    const { status, stdout } = cli("check", "src/lessons/01-seed-fixed/programs.bpf.c", "--json");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ diagnostics: [] });
  });

  it("reads a scenario file and reports JSON diagnostics with the contract's fields", () => {
    const dir = mkdtempSync(join(tmpdir(), "tailscope-cli-"));
    const path = join(dir, "bad.scenario.json");
    writeFileSync(path, JSON.stringify({ files: { "a.c": "int f(void) { return x; }" }, cpus: 2 }));
    const { status, stdout } = cli("check", path, "--json");
    expect(status).toBe(1);
    const [d] = JSON.parse(stdout).diagnostics.filter((x: { severity: string }) => x.severity === "error");
    expect(d).toMatchObject({
      file: "a.c",
      line: 1,
      column: 22,
      severity: "error",
      stage: "type",
      message: "use of undeclared identifier 'x'",
    });
  });

  it("exits 2 naming the file and the field for an invalid scenario", () => {
    const dir = mkdtempSync(join(tmpdir(), "tailscope-cli-"));
    const path = join(dir, "broken.scenario.json");
    writeFileSync(path, JSON.stringify({ files: { "a.h": "" }, cpus: 65 }));
    const { status, stderr } = cli("check", path);
    expect(status).toBe(2);
    expect(stderr).toContain(`${path}: files: must contain at least one .c file`);
    expect(stderr).toContain(`${path}: cpus:`);
  });

  it("exits 2 for a file that cannot be read", () => {
    const { status, stderr } = cli("check", "no/such/file.c");
    expect(status).toBe(2);
    expect(stderr).toContain("no/such/file.c: cannot read: ENOENT");
  });
});

describe("tailscope check, the scenario's control-plane actions", () => {
  it("names each action bpftool would refuse, at the scenario, and counts it as an error", () => {
    const dir = mkdtempSync(join(tmpdir(), "tailscope-check-"));
    const source = [
      "#include <vmlinux.h>",
      "#include <bpf/bpf_helpers.h>",
      'struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 2); __uint(key_size, 4); __uint(value_size, 4); } jmp SEC(".maps");',
      'struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 2); __type(key, __u32); __type(value, __u64); } arr SEC(".maps");',
      'SEC("cgroup_skb/egress") int f(struct __sk_buff *s) { bpf_tail_call(s, &jmp, 0); return 1; }',
    ].join("\n");
    writeFileSync(
      join(dir, "actions.json"),
      JSON.stringify({
        files: { "p.c": source },
        control: [
          { beforePacket: 0, op: "update", map: "jmp", key: "01", program: "f" },
          { beforePacket: 1, op: "update", map: "arr", key: "00000000", value: "01" },
          { beforePacket: 1, op: "update", map: "nope", key: "00000000", value: "01" },
          { beforePacket: 1, op: "update", map: "arr", key: "00000000", program: "f" },
          { beforePacket: 2, op: "update", map: "jmp", key: "01000000", program: "f" },
        ],
      }),
    );
    const { status, stdout, stderr } = cli("check", join(dir, "actions.json"));
    expect(stdout.split("\n").filter((line) => line.includes("control["))).toEqual([
      "actions.json:1:1: error: control[0]: key expected 4 bytes got 1",
      "actions.json:1:1: error: control[1]: value expected 8 bytes got 1",
      "actions.json:1:1: error: control[2]: no map named 'nope' (maps: jmp, arr)",
      `actions.json:1:1: error: control[3]: map 'arr' holds data, not programs: give "value"`,
    ]);
    expect(status).toBe(1);
    expect(stderr).toBe("");
    const run = cli("run", join(dir, "actions.json"));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("control-plane action 0 before packet 0 on jmp: key expected 4 bytes got 1");
  });
});
