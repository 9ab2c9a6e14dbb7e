import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { compareWithExpectations } from "../support/expectations";
import { canUseRealHeaders, clangVerify } from "../support/toolchain";

const dir = join(import.meta.dirname, "kernel-style");
const files: Record<string, string> = {};
for (const name of readdirSync(dir)) files[name] = readFileSync(join(dir, name), "utf8");

describe("kernel-style programs compile unchanged", () => {
  it("multi-file, with names pasted by PROG(F) and an __array prog-array initialiser", () => {
    const result = compile({ files, main: "sockex.bpf.c" });
    const compileStages = result.diagnostics.filter((d) => d.stage !== "load");
    expect(compareWithExpectations("sockex.bpf.c", files["sockex.bpf.c"], compileStages)).toEqual([]);
    const programs = result.program?.functions
      .filter((f) => f.definition && f.section)
      .map((f) => `${f.name}@${f.section}`);
    expect(programs).toEqual([
      "bpf_func_PARSE_IP@socket/PARSE_IP",
      "bpf_func_PARSE_IPV6@socket/PARSE_IPV6",
      "main_prog@socket",
    ]);
  });

  // Checked with bpftool 7.1 / libbpf 1.1 on this machine: strict section matching rejects "socket/N".
  it('but libbpf 1.x no longer loads samples/bpf\'s SEC("socket/N") sections, and neither does Tailscope', () => {
    const result = compile({ files, main: "sockex.bpf.c" });
    expect(
      result.diagnostics.filter((d) => d.stage === "load").map((d) => `${d.file}:${d.line}: ${d.message}`),
    ).toEqual([
      // At each definition, where PROG() puts the SEC(), not at the prototypes in parse.h.
      "sockex.bpf.c:28: failed to guess program type from ELF section 'socket/PARSE_IP'",
      "sockex.bpf.c:42: failed to guess program type from ELF section 'socket/PARSE_IPV6'",
    ]);
  });

  it.skipIf(!canUseRealHeaders)("and real clang agrees", () => {
    expect(clangVerify(join(dir, "sockex.bpf.c"))).toBe("");
  });
});
