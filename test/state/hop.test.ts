import { describe, expect, it } from "vitest";
import type { StateView } from "../../src/engine";
import { hopsOnMove } from "../../src/state/derive/hop";

type Running = NonNullable<StateView["running"]>;

function packet(packet: number, cpu: number, programs: string[]): Running {
  const tailCalls = programs.slice(1).map((to, i) => ({
    from: programs[i],
    map: "tail_programs",
    key: i,
    outcome: "jumped" as const,
    to,
  }));
  const bytes = { arrived: "", now: "", dataStart: 0 };
  return { packet, cpu, programs, printk: [], tailCalls, context: {}, frames: [], bytes };
}

function view(step: number, followed: Running | null, cpus: Running[]): StateView {
  return { step, finishedPackets: 0, running: followed, cpus, maps: {}, globals: {}, lastFinished: null };
}

describe("the hop tokens of a move", () => {
  it("gives every packet that hopped on the move a token, the followed one first", () => {
    const before = view(10, null, [
      packet(0, 0, ["egress1"]),
      packet(1, 1, ["egress1"]),
      packet(2, 2, ["egress1"]),
    ]);
    const a = packet(0, 0, ["egress1", "egress2"]);
    const b = packet(1, 1, ["egress1", "egress2"]);
    const after = view(40, b, [a, b, packet(2, 2, ["egress1"])]);
    expect(hopsOnMove(after, before).map((h) => `${h.cpu}:${h.from}>${h.to}`)).toEqual([
      "1:egress1>egress2",
      "0:egress1>egress2",
    ]);
    expect(hopsOnMove(after, before)[0]?.cpu).toBe(1);
  });

  it("moves nothing on a step back, or for a packet that did not hop", () => {
    const one = view(5, packet(0, 0, ["egress1", "egress2"]), [packet(0, 0, ["egress1", "egress2"])]);
    const two = view(6, packet(0, 0, ["egress1", "egress2"]), [packet(0, 0, ["egress1", "egress2"])]);
    expect(hopsOnMove(two, one)).toEqual([]);
    expect(hopsOnMove(one, two)).toEqual([]);
  });
});
