import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { defaultLesson } from "../../src/lessons";
import { MAX_LINK_CHARS, readShareFragment, SHARE_PREFIX, shareFragment } from "../../src/state/share-link";
import type { Workspace } from "../../src/state/workspace";

const seed: Workspace = {
  title: defaultLesson.title,
  lessonId: defaultLesson.id,
  files: defaultLesson.files,
  main: defaultLesson.main,
  settings: {
    ...defaultLesson.settings,
    cpus: 3,
    control: [{ beforePacket: 1, op: "delete", map: "tail_programs", key: "01000000" }],
  },
};

function encode(value: unknown): string {
  const bytes = deflateSync(strToU8(JSON.stringify(value)));
  return (
    SHARE_PREFIX +
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "")
  );
}

describe("share links", () => {
  it("carry a control-plane action that puts a map in a map of maps", () => {
    const control = [
      { beforePacket: 2, op: "update" as const, map: "by_slot", key: "01000000", innerMap: "counts_c" },
    ];
    const view = readShareFragment(shareFragment({ ...seed, settings: { ...seed.settings, control } }, null));
    if (!view.ok) throw new Error(view.error);
    expect(view.workspace.settings.control).toEqual(control);
  });

  it("carry logpoints, and a malformed one is refused naming its field", () => {
    const logpoints = [{ file: seed.main, line: 20, format: "cpu=%u", args: ["bpf_get_smp_processor_id()"] }];
    const view = readShareFragment(
      shareFragment({ ...seed, settings: { ...seed.settings, logpoints } }, null),
    );
    if (!view.ok) throw new Error(view.error);
    expect(view.workspace.settings.logpoints).toEqual(logpoints);
    const broken = readShareFragment(
      encode({
        v: 1,
        scenario: { files: seed.files, main: seed.main, logpoints: [{ file: "nope.c", line: 0 }] },
      }),
    );
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/logpoints/);
  });

  it("carry sources, CPUs, packets, control actions and the cursor, and come back equal", () => {
    const fragment = shareFragment(seed, 42);
    expect(fragment.startsWith(SHARE_PREFIX)).toBe(true);
    // Compressed: the seed's sources are about 3 KB of text.
    expect(fragment.length).toBeLessThan(2500);
    const view = readShareFragment(fragment);
    if (!view.ok) throw new Error(view.error);
    expect(view.step).toBe(42);
    expect(view.workspace.files).toEqual(seed.files);
    expect(view.workspace.lessonId).toBe(seed.lessonId);
    expect(view.workspace.settings.cpus).toBe(3);
    expect(view.workspace.settings.control).toEqual(seed.settings.control);
    expect(view.workspace.settings.packets).toEqual(seed.settings.packets);
  });

  it("say a cut link is broken, never throw", () => {
    const fragment = shareFragment(seed, null);
    for (const cut of [fragment.slice(0, 40), fragment.slice(0, -7), `${fragment.slice(0, 30)}!!`]) {
      const view = readShareFragment(cut);
      expect(view.ok).toBe(false);
      if (!view.ok) expect(view.error).toMatch(/broken/);
    }
  });

  it("refuse a link that is too long, and one that expands to a huge payload", () => {
    const long = readShareFragment(SHARE_PREFIX + "A".repeat(MAX_LINK_CHARS));
    expect(long.ok ? "" : long.error).toMatch(/too long/);
    const bomb = readShareFragment(encode({ v: 1, pad: "x".repeat(5_000_000) }));
    expect(bomb.ok ? "" : bomb.error).toMatch(/more than 4 MB/);
  });

  it("name the field of an invalid scenario", () => {
    const view = readShareFragment(
      encode({ v: 1, lesson: null, step: 0, scenario: { files: { "a.c": "" }, cpus: 99 } }),
    );
    expect(view.ok ? "" : view.error).toMatch(/cpus: /);
  });
});
