import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canUseRealHeaders, clangVerify } from "../support/toolchain";

const corpusDir = join(import.meta.dirname, "corpus");
const cases = readdirSync(corpusDir).filter((name) => name.endsWith(".c"));

// The same annotations checked by real clang (with this kernel's vmlinux.h and libbpf's headers),
// so the corpus cannot drift from what clang says. CI installs clang, libbpf-dev and bpftool.
describe.skipIf(!canUseRealHeaders)("front-end corpus: real clang agrees with every annotation", () => {
  it.each(cases)("%s", (name) => {
    expect(clangVerify(join(corpusDir, name))).toBe("");
  });
});
