import { describe, expect, it } from "vitest";
import { compile, formatDiagnostic } from "../../src/engine";
import { lessons } from "../../src/lessons";

function lesson(id: string) {
  const found = lessons.find((l) => l.id === id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
}

describe("the founding example", () => {
  it("compiles with no diagnostic once fixed", () => {
    const seed = lesson("01-seed-fixed");
    expect(compile({ files: seed.files, main: seed.main }).diagnostics).toEqual([]);
  });

  it("as published, gives clang 14's four errors at clang's lines and columns", () => {
    const seed = lesson("02-seed-as-published");
    const errors = compile({ files: seed.files, main: seed.main })
      .diagnostics.filter((d) => d.severity === "error")
      .map(formatDiagnostic);
    expect(errors).toEqual([
      "maps.h:31:2: error: expected ';' after struct",
      "programs.h:4:1: error: expected ';' after top level declarator",
      "programs.h:37:59: error: expected ';' after expression",
      "programs.h:59:59: error: expected ';' after expression",
    ]);
  });

  it("says which headers Tailscope supplied, with a fix that adds the #include lines", () => {
    const seed = lesson("02-seed-as-published");
    const note = compile({ files: seed.files, main: seed.main }).diagnostics.find(
      (d) => d.severity === "note",
    );
    expect(note?.message).toContain("<vmlinux.h> and <bpf/bpf_helpers.h>");
    expect(note?.fix?.edits[0].text).toBe("#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n");
  });

  it("lays out the checked program's maps from libbpf's macros", () => {
    const seed = lesson("01-seed-fixed");
    const program = compile({ files: seed.files, main: seed.main }).program;
    const map = program?.globals.find((g) => g.name === "tail_context_map");
    expect(map?.section).toBe(".maps");
    expect(map?.type.kind === "record" && map.type.record.fields.map((f) => f.name)).toEqual([
      "type",
      "max_entries",
      "key",
      "value",
    ]);
    const programs = program?.functions
      .filter((f) => f.section?.startsWith("cgroup_skb/"))
      .map((f) => f.name);
    expect(programs?.sort()).toEqual(["egress1", "egress2", "egress3"]);
  });
});

describe("includes", () => {
  it("#pragma once and include guards include a header once", () => {
    const files = {
      "main.c": '#include "a.h"\n#include "a.h"\n#include "b.h"\n#include "b.h"\nint total = A + B;\n',
      "a.h": "#pragma once\nenum { A = 1 };\n",
      "b.h": "#ifndef B_H\n#define B_H\nenum { B = 2 };\n#endif\n",
    };
    const errors = compile({ files, main: "main.c" }).diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([]);
  });

  it("reports a missing header at the #include", () => {
    const result = compile({ files: { "main.c": '\n#include "nowhere.h"\n' }, main: "main.c" });
    expect(result.diagnostics.map(formatDiagnostic)).toContain(
      "main.c:2:10: error: 'nowhere.h' file not found",
    );
  });
});
