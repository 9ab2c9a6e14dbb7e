// Include resolution as clang does it, with a project's layout: quoted includes beside the
// including file first, then the scenario's root and include directories (`-I`), then the
// built-in headers; checked against clang itself on the same files.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import { clangAccepts, hasClang } from "../support/toolchain";

const project: Record<string, string> = {
  "src/prog.bpf.c": `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "common.h"
#include <proj/limits.h>
#include "local.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int entry(struct __sk_buff *skb)
{
	return COMMON_VERDICT + PROJ_LIMIT + LOCAL_ONE;
}
`,
  "src/local.h": "#define LOCAL_ONE 1\n",
  // A header of the same name in the include directory: the sibling wins for a quoted include.
  "include/local.h": "#error the include directory's local.h is not the one clang takes\n",
  "include/common.h": "#define COMMON_VERDICT 0\n",
  "include/proj/limits.h": "#define PROJ_LIMIT 0\n",
};

/** Whether clang builds the project from its root with these -I folders. */
function clangBuilds(includeDirs: readonly string[]): boolean {
  const root = mkdtempSync(join(tmpdir(), "tailscope-includes-"));
  for (const [name, text] of Object.entries(project)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return clangAccepts(
    join(root, "src/prog.bpf.c"),
    includeDirs.map((dir) => join(root, dir)),
  );
}

function tailscopeBuilds(includeDirs: readonly string[]): boolean {
  const { diagnostics } = compile({ files: project, main: "src/prog.bpf.c", includeDirs });
  return !diagnostics.some((d) => d.severity === "error");
}

describe("include directories", () => {
  it("finds a project's headers through -I folders, siblings first, as clang does", () => {
    expect(tailscopeBuilds(["include"])).toBe(true);
    expect(tailscopeBuilds([])).toBe(false);
  });

  it.runIf(hasClang)("builds exactly when clang builds, with and without the folder", () => {
    for (const dirs of [["include"], []])
      expect([dirs, tailscopeBuilds(dirs)]).toEqual([dirs, clangBuilds(dirs)]);
  });
});
