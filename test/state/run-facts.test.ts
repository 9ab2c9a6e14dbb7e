import { describe, expect, it } from "vitest";
import type { PacketReport, TimelineData } from "../../src/engine";
import { lastEndText, runFacts } from "../../src/state/derive/run-facts";

function report(programs: string[], retval: number, fault: string | null): PacketReport {
  return {
    cpu: 0,
    retval,
    printk: [],
    programs,
    tailCalls: [],
    steps: 3,
    fault: fault === null ? null : { message: fault, file: "prog.bpf.c", line: 9 },
  };
}

/** Two packets on CPU 0: the first returns from `second` at step 6, the second faults in `first` at step 9. */
const timeline: TimelineData = {
  totalSteps: 9,
  packets: [
    { packet: 0, cpu: 0, first: 1, last: 6, programs: ["first", "second"] },
    { packet: 1, cpu: 0, first: 7, last: 9, programs: ["first"] },
  ],
  hops: [],
};
const reports = [report(["first", "second"], 1, null), report(["first"], 0, "division by zero")];

describe("run facts", () => {
  it("gives each program the last packet that ended there by the cursor, faulted or returned", () => {
    const atEnd = runFacts(timeline, reports, 9, 1);
    expect(atEnd?.lastEnd.get("second")).toEqual({ packet: 0, retval: 1, fault: null, last: 6 });
    expect(atEnd?.lastEnd.get("first")).toMatchObject({ packet: 1, fault: "division by zero" });
    // Before the fault's step the second packet has not ended: the first program has no end yet.
    const before = runFacts(timeline, reports, 8, 1);
    expect(before?.lastEnd.has("first")).toBe(false);
    expect(before?.queued).toEqual([0]);
  });

  it("says in a node's width whether the packet returned or faulted", () => {
    expect(lastEndText({ packet: 0, retval: 1, fault: null })).toBe("packet 0 returned 1");
    expect(lastEndText({ packet: 1, retval: 0, fault: "division by zero" })).toBe("packet 1 faulted");
  });
});
