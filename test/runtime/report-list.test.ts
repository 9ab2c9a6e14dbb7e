// A sequential run keeps its packet reports in chunks (runtime/report-list.ts): it must read back
// as the one array it stands for, across chunk boundaries and after going back to a checkpoint.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PacketReport } from "../../src/engine/runtime/report";
import { ReportList } from "../../src/engine/runtime/report-list";

const report = (steps: number): PacketReport => ({
  cpu: 0,
  retval: 1,
  printk: [],
  programs: [],
  tailCalls: [],
  steps,
  fault: null,
});

describe("a list of packet reports", () => {
  it("reads back as an array would, through pushes and lengths set", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 9000 }), fc.integer({ min: -9000, max: -1 })), {
          maxLength: 12,
        }),
        (operations) => {
          const list = new ReportList();
          const array: PacketReport[] = [];
          let made = 0;
          for (const operation of operations) {
            if (operation > 0)
              for (let i = 0; i < operation; i++) {
                const next = report(made++);
                list.push(next);
                array.push(next);
              }
            else {
              const keep = Math.max(0, array.length + operation);
              list.setLength(keep);
              array.length = keep;
            }
            expect(list.length).toBe(array.length);
          }
          expect(list.toArray()).toEqual(array);
          // Longer, as an array's length set past its end: the packets between have no report.
          list.setLength(array.length + 3);
          expect(list.length).toBe(array.length + 3);
          expect(list.at(array.length + 1)).toBeUndefined();
          for (const i of [0, 4095, 4096, 4097, array.length - 1, array.length, -1])
            expect(list.at(i)).toBe(array[i]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
