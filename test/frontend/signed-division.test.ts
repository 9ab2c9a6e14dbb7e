import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { hasClang } from "../support/toolchain";

// clang 14's BPF backend refuses signed division it cannot turn into something else. The rule is
// clang's optimiser's, so each case is also compiled by real clang to keep the two in step.
const cases: { body: string; params: string; refused: boolean }[] = [
  { params: "int a, int b", body: "a / b", refused: true },
  { params: "int a", body: "a % 3", refused: true },
  { params: "long a", body: "a / 16", refused: true },
  { params: "int a", body: "a / 1", refused: false },
  { params: "int a", body: "a % -1", refused: false },
  { params: "unsigned char b", body: "b / 3", refused: false },
  { params: "int a, unsigned char b", body: "b / a", refused: true },
  { params: "unsigned a, int b", body: "a / b", refused: false },
  { params: "void", body: "-7 / 2", refused: false },
  { params: "long a", body: "(int)(unsigned char)a % 5", refused: false },
  // What LLVM knows of the signs, measured with clang 14: masks, unsigned shifts, sums, counters.
  { params: "unsigned m", body: "({ int d = m & 7; -100 / (d ? d : 1); })", refused: false },
  { params: "unsigned m", body: "({ int d = m & 7; -100 / d; })", refused: false },
  { params: "unsigned m", body: "({ int x = m; x / 2; })", refused: true },
  { params: "unsigned m", body: "({ int x = m & 0xff; x / 3; })", refused: false },
  { params: "unsigned m", body: "({ int d = m & 7; int x = m; x / (d + 1); })", refused: true },
  { params: "void", body: "({ int s = 0; for (int i = 0; i < 10; i++) s += i / 3; s; })", refused: false },
  {
    params: "unsigned m",
    body: "({ int s = 0; for (int i = 0; i < m; i++) s += i / 3; s; })",
    refused: false,
  },
  { params: "unsigned m", body: "({ int x = m; (x >> 1) / 3; })", refused: true },
  { params: "unsigned m", body: "({ int x = m; (x % 7) / 3; })", refused: true },
  { params: "unsigned m", body: "({ int x = (int)(m >> 1); x / 3; })", refused: false },
  { params: "unsigned m", body: "({ int x = m & 7; x -= 1; x / 3; })", refused: true },
  { params: "unsigned m", body: "({ int x = (m & 7) + 1; x / 3; })", refused: false },
  { params: "unsigned m", body: "({ int x = m; 100 / x; })", refused: true },
  { params: "unsigned m", body: "({ int x = m; x % 2; })", refused: true },
  { params: "unsigned m", body: "({ int x = m; x / -4; })", refused: true },
];

function source(params: string, body: string): string {
  return `long f(${params}) { return ${body}; }\n`;
}

function tailscopeRefuses(text: string): boolean {
  const { diagnostics } = compile({ files: { "div.bpf.c": text }, main: "div.bpf.c" });
  return diagnostics.some((d) => d.severity === "error" && d.message.startsWith("Unsupport signed division"));
}

function clangRefuses(text: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), "tailscope-sdiv-"));
  writeFileSync(join(dir, "div.c"), text);
  try {
    execFileSync("clang", ["-target", "bpf", "-O2", "-c", "div.c", "-o", "div.o"], {
      cwd: dir,
      stdio: "pipe",
    });
    return false;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr).includes("Unsupport signed division");
  }
}

describe("signed division on the BPF target", () => {
  it.each(cases)("$params: $body refused=$refused", ({ params, body, refused }) => {
    expect(tailscopeRefuses(source(params, body))).toBe(refused);
  });

  it("points at the operator", () => {
    const { diagnostics } = compile({
      files: { "div.bpf.c": source("int a, int b", "a / b") },
      main: "div.bpf.c",
    });
    const error = diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({ line: 1, column: 33, stage: "type" });
  });
});

describe.skipIf(!hasClang)("signed division: real clang agrees", () => {
  it.each(cases)("$params: $body refused=$refused", ({ params, body, refused }) => {
    expect(clangRefuses(source(params, body))).toBe(refused);
  });
});
