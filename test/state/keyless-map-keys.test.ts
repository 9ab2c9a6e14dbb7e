// How a map node names what a queue, stack or LPM trie holds, from a real run's report.
import { describe, expect, it } from "vitest";
import type { MapSummary } from "../../src/engine";
import { emptyMapText, keyLabel, shownKeys } from "../../src/state/derive/map-keys";

const queue: MapSummary = {
  name: "fifo",
  typeName: "queue",
  keySize: 0,
  valueSize: 4,
  maxEntries: 8,
  perCpu: false,
  slots: [],
  flags: 0,
  holds: null,
  innerMaps: [],
  keyFields: null,
  valueFields: null,
};

/** Values as a run's state holds them: by key hex, one value each (a shared map). */
const held = (...pushes: number[]) =>
  Object.fromEntries(pushes.map((n) => [n.toString(16).padStart(2, "0").padEnd(8, "0"), ["00000000"]]));

describe("keyless maps", () => {
  it("list a queue oldest first and a stack newest first, the next pop labelled", () => {
    const fromQueue = shownKeys(queue, held(3, 4, 5), {});
    expect(fromQueue.keys.map((k) => k.heading)).toEqual(["next out", "push #4", "push #5"]);
    const fromStack = shownKeys({ ...queue, typeName: "stack" }, held(3, 4, 5), {});
    expect(fromStack.keys.map((k) => k.heading)).toEqual(["next out", "push #4", "push #3"]);
  });

  it("say a bloom filter cannot list, and head other keys with 'key'", () => {
    expect(emptyMapText({ ...queue, typeName: "bloom_filter" })).toBe("only tested, never listed");
    expect(emptyMapText({ ...queue, typeName: "hash" })).toBe("no entries");
  });

  it("name an LPM trie's keys as prefixes", () => {
    const routes = { ...queue, typeName: "lpm_trie", keySize: 8 };
    expect(keyLabel(routes, "180000000a010203")).toBe("10.1.2.3/24");
    const v6 = { ...routes, keySize: 20 };
    expect(keyLabel(v6, "40000000fe800000000000000000000000000001")).toBe("fe80:0:0:0:0:0:0:1/64");
  });
});
