// What the timeline paints, derived in Node from a recorded run of the seed.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/engine";
import { lessonById } from "../../src/lessons";
import { stepAt, stepX, timelineScene } from "../../src/state/derive/timeline";

const seed = lessonById("01-seed-fixed");
if (!seed) throw new Error("no seed lesson");
const started = Session.start(
  {
    files: seed.files,
    main: seed.main,
    cpus: 2,
    packets: { count: 4, cpu: "round-robin", seed: 1, template: "ipv4-udp" },
  },
  { record: true },
);
if (!started.ok) throw new Error("the seed does not run");
const timeline = started.session.timeline();

describe("the timeline's scene", () => {
  const scene = timelineScene(timeline, 2, 600);

  it("has a lane per CPU and, per packet, a bar for each program of its chain, left to right", () => {
    expect(scene.lanes.map((l) => l.label)).toEqual(["CPU 0", "CPU 1"]);
    expect(scene.bars.map((b) => b.program)).toEqual(Array(4).fill(["egress1", "egress2", "egress3"]).flat());
    for (let i = 0; i + 1 < scene.bars.length; i++)
      expect(scene.bars[i].box.x + scene.bars[i].box.width).toBeLessThanOrEqual(
        scene.bars[i + 1].box.x + 0.001,
      );
    const lanesOf = new Set(scene.bars.map((b) => b.box.y));
    expect(lanesOf.size).toBe(2);
  });

  it("ticks every tail call, all jumped in the seed, each where its step is", () => {
    expect(scene.ticks).toHaveLength(8);
    expect(scene.ticks.every((t) => !t.failed)).toBe(true);
    expect(scene.ticks[0].box.x).toBeCloseTo(stepX(timeline.hops[0].step, 600, timeline.totalSteps));
  });

  it("maps a click back to the step drawn there", () => {
    for (const step of [0, 17, timeline.totalSteps])
      expect(stepAt(stepX(step, 600, timeline.totalSteps), 600, timeline.totalSteps)).toBe(step);
  });
});
