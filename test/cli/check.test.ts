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
