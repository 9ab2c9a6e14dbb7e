import { describe, expect, it } from "vitest";
import { defaultLesson } from "../../src/lessons";
import { sameWork, scenarioFileOf, type Workspace, workspaceFromScenario } from "../../src/state/workspace";

const seed: Workspace = {
  title: defaultLesson.title,
  lessonId: defaultLesson.id,
  files: defaultLesson.files,
  main: defaultLesson.main,
  settings: defaultLesson.settings,
};

describe("workspaces", () => {
  it("compare by content, whatever the order of their keys", () => {
    const { attach, cpus, packets, control, schedule } = seed.settings;
    const reordered: Workspace = { ...seed, settings: { schedule, control, packets, cpus, attach } };
    expect(sameWork(seed, reordered)).toBe(true);
    expect(sameWork(seed, { ...seed, settings: { ...seed.settings, cpus: 3 } })).toBe(false);
    const edited = { ...seed.files, "maps.h": `${seed.files["maps.h"]} ` };
    expect(sameWork(seed, { ...seed, files: edited })).toBe(false);
  });

  it("round-trip through the scenario file of the contract", () => {
    const back = workspaceFromScenario(JSON.parse(JSON.stringify(scenarioFileOf(seed))), seed.lessonId);
    if (!back.ok) throw new Error(back.errors.join("; "));
    expect(sameWork(seed, back.workspace)).toBe(true);
    expect(back.workspace.title).toBe(seed.title);
  });

  it("name the field of an invalid scenario file", () => {
    const result = workspaceFromScenario({ files: { "a.c": "" }, packets: [{ cpu: 5, bytes: "00" }] });
    expect(result.ok ? [] : result.errors).toEqual(["packets[0].cpu: is 5, but the scenario has 2 CPUs"]);
  });
});
