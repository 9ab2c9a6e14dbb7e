import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { compareWithExpectations } from "../support/expectations";

const corpusDir = join(import.meta.dirname, "corpus");
const cases = readdirSync(corpusDir).filter((name) => name.endsWith(".c"));

describe("front-end corpus: Tailscope reports what each file's clang -verify annotations expect", () => {
  it.each(cases)("%s", (name) => {
    const source = readFileSync(join(corpusDir, name), "utf8");
    const { diagnostics } = compile({ files: { [name]: source }, main: name });
    expect(compareWithExpectations(name, source, diagnostics)).toEqual([]);
  });
});
