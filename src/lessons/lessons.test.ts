import { describe, expect, it } from "vitest";
import { defaultLesson, lessons } from ".";

describe("lesson gallery", () => {
  it("opens on the fixed seed, whose programs keep the blog post's names", () => {
    expect(defaultLesson.id).toBe("01-seed-fixed");
    const source = defaultLesson.files[defaultLesson.main];
    for (const name of ["egress1", "egress2", "egress3"]) expect(source).toContain(`long ${name}(`);
    expect(defaultLesson.files["maps.h"]).toContain('tail_context_map SEC(".maps")');
  });

  it("keeps the published seed byte for byte so clang's line numbers apply", () => {
    const published = lessons.find((lesson) => lesson.id === "02-seed-as-published");
    expect(published?.files["programs.h"].split("\n")[3]).toBe("u8 ZERO = 0;");
    expect(published?.files["maps.h"].split("\n")[30]).toBe("}");
  });

  it("resolves every quoted #include to a file of the same lesson", () => {
    for (const lesson of lessons) {
      for (const text of Object.values(lesson.files)) {
        for (const [, name] of text.matchAll(/#include\s+"([^"]+)"/g))
          expect(lesson.files).toHaveProperty([name]);
      }
    }
  });
});
