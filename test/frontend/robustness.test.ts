import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type Diagnostic } from "../../src/engine";
import { lessons } from "../../src/lessons";

/** mulberry32: a small seeded generator, so every run feeds the same inputs. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpusDir = join(import.meta.dirname, "corpus");
const samples = [
  ...readdirSync(corpusDir).map((name) => readFileSync(join(corpusDir, name), "utf8")),
  ...lessons.flatMap((lesson) => Object.values(lesson.files)),
];
const fragments = [
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  ";",
  ",",
  "#define X(a) a##a\n",
  "#if 1\n",
  "#endif\n",
  '#include "x.h"\n',
  "/*",
  "*/",
  '"',
  "'",
  "\\\n",
  "struct",
  "SEC(",
  "bpf_printk(",
  "0x",
  "1e",
  "->",
  "...",
  "__attribute__((",
  "typeof(",
  "sizeof",
  "static",
  "goto l;",
  "case 1:",
  "#",
  "##",
  "\n",
  "u8",
  "int *",
  "= {",
  ".a =",
  "[3] =",
  "({",
  "})",
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const choice = next();
    if (choice < 0.35) out = out.slice(0, at) + out.slice(at + Math.floor(next() * 40));
    else if (choice < 0.75)
      out = out.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + out.slice(at);
    else if (choice < 0.9) out = out.slice(0, at);
    else out = out.slice(0, at) + out.slice(Math.max(0, at - 80), at) + out.slice(at);
  }
  return out;
}

function randomText(next: () => number): string {
  let out = "";
  const length = Math.floor(next() * 300);
  for (let i = 0; i < length; i++) {
    out +=
      next() < 0.5
        ? fragments[Math.floor(next() * fragments.length)]
        : String.fromCharCode(32 + Math.floor(next() * 95));
  }
  return out;
}

function wellFormed(d: Diagnostic): boolean {
  return (
    d.line >= 1 &&
    d.column >= 1 &&
    d.endLine >= d.line &&
    typeof d.message === "string" &&
    d.message.length > 0
  );
}

describe("front-end robustness", () => {
  it("returns diagnostics for thousands of mutated and random inputs, never throwing or reporting an internal error", () => {
    const next = random(20261125);
    for (let i = 0; i < 2500; i++) {
      const text = i % 5 === 4 ? randomText(next) : mutate(samples[i % samples.length], next);
      const result = compile({ files: { "fuzz.c": text, "x.h": text.slice(0, 200) }, main: "fuzz.c" });
      const internal = result.diagnostics.filter((d) => d.message.startsWith("internal error"));
      expect(internal, text).toEqual([]);
      expect(result.diagnostics.every(wellFormed), text).toBe(true);
    }
  }, 120_000);

  it("reports pathological nesting and expansion instead of overflowing the stack or memory", () => {
    const cases = {
      parentheses: `int f(void) { return ${"(".repeat(5000)}1${")".repeat(5000)}; }`,
      blocks: `int f(void) { ${"{".repeat(5000)} ${"}".repeat(5000)} return 0; }`,
      initializers: `int a[1] = ${"{".repeat(5000)}1${"}".repeat(5000)};`,
      "long chain": `int f(void) { return ${Array(20000).fill("1").join(" + ")}; }`,
      "nested macro calls": `#define F(x) x\nint a = ${"F(".repeat(3000)}1${")".repeat(3000)};`,
      "#if nesting": `#if ${"(".repeat(5000)}1${")".repeat(5000)}\n#endif\n`,
      "self-including header": `#include "fuzz.c"\n`,
      "recursive macros": "#define A B\n#define B A\nint A;\n",
      // Found by the fuzzer: the literal's last character is cut, leaving a lone backslash.
      "unterminated character escape": "_Static_assert('\\?\n",
      "a macro that doubles at each level": `${Array.from({ length: 34 }, (_, i) => (i === 0 ? "#define X0 1" : `#define X${i} X${i - 1}+X${i - 1}`)).join("\n")}\nint zz = X33;\n`,
      "an argument that doubles at each level": `#define F(x) x x\nint y = ${"F(".repeat(30)}1${")".repeat(30)};\n`,
      "an empty macro that doubles at each level": `${Array.from({ length: 40 }, (_, i) => (i === 0 ? "#define E0" : `#define E${i} E${i - 1} E${i - 1}`)).join("\n")}\nE39\nint x;\n`,
      "a 2 MB string next to an integer too wide for any type": `char s[] = "${"a".repeat(2_000_000)}";\nlong x = 123456789012345678901234567890;\n`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const result = compile({ files: { "fuzz.c": text }, main: "fuzz.c" });
      expect(
        result.diagnostics.filter((d) => d.message.startsWith("internal error")),
        name,
      ).toEqual([]);
    }
  }, 60_000);

  it("stops a source that expands without end at its line, in seconds, with one error", () => {
    const doubling = `${Array.from({ length: 34 }, (_, i) => (i === 0 ? "#define X0 1" : `#define X${i} X${i - 1}+X${i - 1}`)).join("\n")}\nint zz = X33;\n`;
    const result = compile({ files: { "fuzz.c": doubling }, main: "fuzz.c" });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.line, d.message.split(";")[0]])).toEqual([
      [35, "macro expansion stopped after making 2,000,000 tokens"],
    ]);
  }, 60_000);

  it("file names that are JavaScript's own property names are just names", () => {
    for (const name of ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]) {
      const result = compile({ files: { "fuzz.c": `#include "${name}"\nint x;\n` }, main: "fuzz.c" });
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(
        errors.map((d) => d.message),
        name,
      ).toEqual([`'${name}' file not found`]);
      const found = compile({
        files: { "fuzz.c": `#include "${name}"\nint x = sizeof(y);\n`, [name]: "int y;" },
        main: "fuzz.c",
      });
      expect(
        found.diagnostics.filter((d) => d.severity === "error"),
        name,
      ).toEqual([]);
    }
    expect(compile({ files: { "fuzz.c": "int x;" }, main: "constructor" }).diagnostics[0].message).toContain(
      "no source file named 'constructor'",
    );
  });

  it("reports a missing main file instead of throwing", () => {
    const result = compile({ files: { "a.h": "" }, main: "missing.c" });
    expect(result.diagnostics[0].message).toContain("no source file named 'missing.c'");
  });
});
