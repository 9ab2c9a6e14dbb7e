import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightC, type Token } from "../../src/ui/editor/light-highlight";

const kindsOf = (line: Token[]) => line.map((t) => [t.kind, t.text]);

describe("the first screen's C highlighter", () => {
  it("keeps every character of any text, line for line", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'int /*x*/ "a\\" \'#\n0x1f u;//{}') }), (text) => {
        const lines = highlightC(text);
        expect(lines.map((tokens) => tokens.map((t) => t.text).join("")).join("\n")).toBe(text);
      }),
    );
  });

  it("colours keywords, numbers, strings, comments and directives as Monaco's C does", () => {
    const [include, code, comment] = highlightC(
      "#include <bpf/bpf_helpers.h>\nreturn ctx->len + 0x10; // done\n/* a\n b */ int x;",
    );
    expect(kindsOf(include)).toEqual([
      ["directive", "#include "],
      ["string", "<bpf/bpf_helpers.h>"],
    ]);
    expect(kindsOf(code)).toEqual([
      ["keyword", "return"],
      ["text", " ctx->len + "],
      ["number", "0x10"],
      ["text", "; "],
      ["comment", "// done"],
    ]);
    expect(kindsOf(comment)).toEqual([["comment", "/* a"]]);
    expect(kindsOf(highlightC("/* a\n b */ int x;")[1])).toEqual([
      ["comment", " b */"],
      ["text", " "],
      ["keyword", "int"],
      ["text", " x;"],
    ]);
  });

  it("does not mistake a word containing a keyword, or a string with a comment, for either", () => {
    expect(kindsOf(highlightC("interval")[0])).toEqual([["text", "interval"]]);
    expect(kindsOf(highlightC('"// not a comment"')[0])).toEqual([["string", '"// not a comment"']]);
  });
});
