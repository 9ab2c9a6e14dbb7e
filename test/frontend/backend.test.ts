// clang's BPF backend refusals (verify/backend.ts): Tailscope says them where clang does, and
// accepts what clang compiles. Checked against real clang when it is installed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { canUseRealHeaders, clangCompileErrors } from "../support/toolchain";

const dir = join(import.meta.dirname, "backend");
const files = readdirSync(dir).filter((name) => name.endsWith(".c"));

/** Clang names its internal call node after some messages; the words before it are compared. */
const words = (message: string) =>
  message.replace(/^(too many args to|pass by value not supported) .*$/, "$1");

function tailscopeErrors(name: string): string[] {
  const result = compile({ files: { [name]: readFileSync(join(dir, name), "utf8") }, main: name });
  return result.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `${d.line}:${d.column}: ${words(d.message)}`)
    .sort();
}

describe("clang's BPF backend limits", () => {
  it("refuses six arguments, a struct passed or returned by value, each where clang does", () => {
    expect(tailscopeErrors("arguments.bpf.c")).toEqual([
      "12:23: defined with too many args",
      "22:31: functions with VarArgs or StructRet are not supported",
      "32:10: too many args to",
      "32:77: pass by value not supported",
    ]);
  });

  it("accepts constant or unread arguments clang drops, and inlined functions", () => {
    expect(tailscopeErrors("accepted.bpf.c")).toEqual([]);
  });

  it.skipIf(!canUseRealHeaders).each(files)("real clang agrees on %s", (name) => {
    const clang = clangCompileErrors(join(dir, name))
      .map((line) => /:(\d+):(\d+): error: (.*)$/.exec(line))
      .map((m) => (m ? `${m[1]}:${m[2]}: ${words(m[3])}` : "unparsed"))
      .sort();
    expect(tailscopeErrors(name)).toEqual(clang);
  });
});
