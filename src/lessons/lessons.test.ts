import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, simulate } from "../engine";
import { defaultLesson, lessonById, lessons } from ".";

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

describe("every lesson", () => {
  const casesDir = join(import.meta.dirname, "../../test/conformance/cases");
  const caseSources = readdirSync(casesDir).map(
    (name) => JSON.parse(readFileSync(join(casesDir, name, "scenario.json"), "utf8")).conformance?.sources,
  );

  it.each(lessons.map((lesson) => [lesson.id, lesson] as const))(
    "%s: a valid scenario that builds, and a conformance case when the kernel can load it",
    (id, lesson) => {
      const parsed = parseScenario({ ...lesson.settings, files: lesson.files, main: lesson.main });
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      expect(lesson.story.length).toBeGreaterThan(0);
      const result = simulate({
        files: lesson.files,
        main: lesson.main,
        cpus: lesson.settings.cpus,
        entry: lesson.settings.attach?.program,
        packets: lesson.settings.packets,
        control: lesson.settings.control,
        schedule: lesson.settings.schedule,
      });
      if (id === "02-seed-as-published") {
        // Its story is the diagnostics: it must not build as published.
        expect(result.ok).toBe(false);
        expect(lesson.hints.length).toBeGreaterThanOrEqual(4);
        return;
      }
      expect(result.ok ? [] : result.error.diagnostics.map((d) => d.message)).toEqual([]);
      // The seed's own case is seed-chain; every other lesson has a lesson-… case.
      expect(caseSources).toContain(`src/lessons/${id}`);
    },
  );
});

describe("each lesson's headline", () => {
  function runLesson(id: string, change?: (files: Record<string, string>) => Record<string, string>) {
    const lesson = lessonById(id);
    if (!lesson) throw new Error(`no lesson ${id}`);
    const files = change ? change({ ...lesson.files }) : lesson.files;
    const result = simulate({
      files,
      main: lesson.main,
      cpus: lesson.settings.cpus,
      entry: lesson.settings.attach?.program,
      packets: lesson.settings.packets,
      control: lesson.settings.control,
      schedule: lesson.settings.schedule,
    });
    if (!result.ok) throw new Error(result.error.diagnostics[0]?.message);
    return result.report.packets;
  }

  it("03: a shared ARRAY under the interleaved schedule hands one CPU another's context; PERCPU does not", () => {
    const shared = runLesson("03-why-per-cpu").flatMap((p) => p.printk);
    expect(shared.some((line) => /reads a context CPU \d wrote!/.test(line))).toBe(true);
    const perCpu = runLesson("03-why-per-cpu", (files) => ({
      "programs.bpf.c": files["programs.bpf.c"].replace(
        "BPF_MAP_TYPE_ARRAY);",
        "BPF_MAP_TYPE_PERCPU_ARRAY);",
      ),
    })).flatMap((p) => p.printk);
    expect(perCpu).toHaveLength(8);
    for (const line of perCpu) expect(line).toMatch(/reads its own context$/);
  });

  it("04: the count stops at 34 runs, the 34th tail call refused for the limit", () => {
    for (const packet of runLesson("04-tail-call-limit")) {
      expect(packet.programs).toHaveLength(34);
      expect(packet.tailCalls.at(-1)?.outcome).toBe("limit");
      expect(packet.printk).toEqual(["tail call refused after 34 runs"]);
    }
  });

  it("05: empty slot and out-of-range fall through; control actions fill slot 1 and clear slot 0", () => {
    const outcomes = runLesson("05-empty-and-out-of-range").map((p) => p.tailCalls[0]?.outcome);
    expect(outcomes).toEqual([
      "jumped",
      "empty-slot",
      "jumped",
      "out-of-range",
      "jumped",
      "jumped",
      "jumped",
      "out-of-range",
      "empty-slot",
      "jumped",
    ]);
  });

  it("06: three packets take three paths through the parsers", () => {
    expect(runLesson("06-packet-parser").map((p) => p.programs.join(" > "))).toEqual([
      "parse_eth > parse_ipv4 > parse_udp",
      "parse_eth > parse_ipv4 > parse_tcp",
      "parse_eth > parse_ipv6 > parse_udp",
    ]);
  });

  it("07 and 08: XDP and tc verdicts", () => {
    expect(runLesson("07-xdp-dispatcher").map((p) => p.retval)).toEqual([2, 1, 2, 1]);
    expect(runLesson("08-tc-classifier").map((p) => p.retval)).toEqual([0, 2, 0]);
  });

  it("09: the tail-called program's value comes back as the subprogram's result", () => {
    const [packet] = runLesson("09-bpf2bpf-and-tail-calls");
    expect(packet.programs).toEqual(["start", "finish"]);
    expect(packet.printk.at(-1)).toBe("start: hand_over returned 1");
  });
});
